import { Inject, Injectable } from '@nestjs/common';
import type { Algorithm } from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  ASYMMETRIC_ALGORITHMS,
  AUTH_OPTIONS,
  resolveAuthOptions,
  type AsymmetricAlgorithm,
  type AuthOptions,
} from '../auth-options';
import { JwksKeySet, SigningKeyError } from './jwks-key-set';

/** The only symmetric algorithm, and only with the shared secret. */
const SHARED_SECRET_ALGORITHM = 'HS256';

/**
 * Picks the key that may verify a token, from its header alone, before any signature check: HS256 gets the
 * shared secret (when it is trusted), an asymmetric algorithm on the allow-list gets the JWKS key named by `kid`,
 * anything else (`none`, HS384, an algorithm off the list) gets nothing. The token is never logged or echoed.
 * Keys are `KeyObject`s made once: handed a string, jsonwebtoken would first try (and fail) to parse the shared
 * secret as a PEM public key on every verification, which cost more than the signature check itself.
 */
@Injectable()
export class AccessTokenKeys {
  /** The allow-list handed to the signature check as well, so both layers agree. */
  readonly algorithms: Algorithm[];
  private readonly acceptsSharedSecret: boolean;
  private readonly sharedSecret?: KeyObject;
  private readonly jwks?: JwksKeySet;

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    const resolved = resolveAuthOptions(options);
    if (resolved.jwksUri) this.jwks = new JwksKeySet({ uri: resolved.jwksUri });
    this.acceptsSharedSecret = !this.jwks || resolved.devLogin;
    if (options.jwtSecret.length > 0)
      this.sharedSecret = createSecretKey(Buffer.from(options.jwtSecret, 'utf8'));
    const asymmetric = this.jwks
      ? resolved.jwksAlgorithms.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg))
      : [];
    this.algorithms = [
      ...(this.acceptsSharedSecret ? [SHARED_SECRET_ALGORITHM] : []),
      ...asymmetric,
    ] as Algorithm[];
  }

  async keyFor(rawToken: string): Promise<KeyObject> {
    const { alg, kid } = headerOf(rawToken);
    if (!this.algorithms.includes(alg as Algorithm)) throw new SigningKeyError('token algorithm not allowed');
    if (alg === SHARED_SECRET_ALGORITHM) {
      if (!this.sharedSecret) throw new SigningKeyError('no shared secret configured');
      return this.sharedSecret;
    }
    if (!this.jwks) throw new SigningKeyError('token algorithm not allowed');
    return this.jwks.key(kid, alg as AsymmetricAlgorithm);
  }
}

function headerOf(rawToken: string): { alg: string; kid?: string } {
  const [encoded] = rawToken.split('.', 1);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new SigningKeyError('malformed token header');
  }
  if (typeof header !== 'object' || header === null) throw new SigningKeyError('malformed token header');
  const { alg, kid } = header as { alg?: unknown; kid?: unknown };
  if (typeof alg !== 'string') throw new SigningKeyError('token header has no algorithm');
  return typeof kid === 'string' ? { alg, kid } : { alg };
}
