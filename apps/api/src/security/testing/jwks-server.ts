import { JwtService } from '@nestjs/jwt';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdpKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

export function rsaKey(kid: string): IdpKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

/** Signs like an identity provider would: RS256, the key's `kid` in the header. */
export function signAs(
  key: IdpKey,
  claims: Record<string, unknown>,
  options: { expiresIn?: number; issuer?: string; audience?: string; notBefore?: number } = {},
): string {
  const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const lifetime = 'exp' in claims ? {} : { expiresIn: 300 };
  return new JwtService({}).sign(claims, {
    privateKey: pem,
    algorithm: 'RS256',
    keyid: key.kid,
    ...lifetime,
    ...given,
  });
}

export interface JwksServer {
  /** `http://127.0.0.1:PORT/.well-known/jwks.json` */
  readonly uri: string;
  /** Replaces the published keys (a rotation). */
  publish(keys: readonly IdpKey[]): void;
  /** Requests served so far. */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** A local identity provider's JWKS endpoint on 127.0.0.1 and a free port. */
export async function startJwksServer(keys: readonly IdpKey[]): Promise<JwksServer> {
  let published = keys;
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    publish: (next) => (published = next),
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
