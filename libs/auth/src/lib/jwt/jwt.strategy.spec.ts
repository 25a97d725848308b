import { InMemoryRefreshTokenStore } from '../refresh/in-memory-refresh-token.store';
import { JwtService } from '@nestjs/jwt';
import { createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import { InMemoryRevocationStore } from '../revocation/in-memory-revocation.store';
import { RevocationList } from '../revocation/revocation-list';
import { AccessTokenKeys } from './access-token-keys';
import { JwtStrategy } from './jwt.strategy';

const SECRET = 'strategy-spec-secret-that-is-long-enough';

type Outcome = { ok: true; user: AuthenticatedUser } | { ok: false };

function setup(overrides: Partial<AuthOptions> = {}) {
  const options: AuthOptions = {
    jwtSecret: SECRET,
    accessTokenTtlSeconds: 3600,
    ticketTtlSeconds: 30,
    devLogin: true,
    allowedOrigins: [],
    ...overrides,
  };
  const revocations = new RevocationList(
    new InMemoryRevocationStore(),
    new InMemoryRefreshTokenStore(),
    options,
  );
  const strategy = new JwtStrategy(options, new AccessTokenKeys(options), revocations);
  /** Runs passport's authenticate on a request carrying the token, as the guard would. */
  const verify = (token: string): Promise<Outcome> =>
    new Promise((resolve) => {
      const attempt = Object.create(strategy) as JwtStrategy & {
        success(user: AuthenticatedUser): void;
        fail(): void;
        error(): void;
        authenticate(request: unknown): void;
      };
      attempt.success = (user) => resolve({ ok: true, user });
      attempt.fail = () => resolve({ ok: false });
      attempt.error = () => resolve({ ok: false });
      attempt.authenticate({ headers: { authorization: `Bearer ${token}` } });
    });
  return { verify, revocations };
}

const hs = new JwtService({ secret: SECRET });
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JwtStrategy with the shared secret (HS256)', () => {
  const { verify, revocations } = setup({ rolesClaim: 'realm_access.roles' });

  it('accepts a good token and reads the user, roles from the configured claim, and expiry', async () => {
    const token = hs.sign(
      { sub: 'alice', name: 'Alice', realm_access: { roles: ['admin'] } },
      { expiresIn: 60 },
    );
    const outcome = await verify(token);
    expect(outcome).toMatchObject({ ok: true, user: { id: 'alice', name: 'Alice', roles: ['admin'] } });
    expect(outcome.ok && outcome.user.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses a forged signature and a token signed with another secret', async () => {
    const token = hs.sign({ sub: 'alice' }, { expiresIn: 60 });
    const [header, payload] = token.split('.');
    const promoted = `${header}.${b64({ sub: 'alice', roles: ['admin'], exp: now() + 60 })}.${token.split('.')[2]}`;
    expect(await verify(promoted)).toEqual({ ok: false });
    expect(await verify(`${header}.${payload}.${'A'.repeat(43)}`)).toEqual({ ok: false });
    const other = new JwtService({ secret: 'x'.repeat(40) }).sign({ sub: 'alice' }, { expiresIn: 60 });
    expect(await verify(other)).toEqual({ ok: false });
  });

  it('refuses alg "none", with or without a signature', async () => {
    const body = b64({ sub: 'alice', roles: ['admin'], exp: now() + 60 });
    expect(await verify(`${b64({ alg: 'none', typ: 'JWT' })}.${body}.`)).toEqual({ ok: false });
    expect(await verify(`${b64({ alg: 'none' })}.${body}.c2ln`)).toEqual({ ok: false });
    expect(await verify(`${b64({ alg: 'NONE' })}.${body}.`)).toEqual({ ok: false });
  });

  it('refuses HS384/HS512 even with the right secret: the allow-list is HS256 only', async () => {
    expect(await verify(hs.sign({ sub: 'alice' }, { expiresIn: 60, algorithm: 'HS512' }))).toEqual({
      ok: false,
    });
  });

  it('refuses an expired token, beyond the 30 s clock skew, and accepts one within it', async () => {
    expect(await verify(hs.sign({ sub: 'alice', exp: now() - 31 }))).toEqual({ ok: false });
    expect(await verify(hs.sign({ sub: 'alice', exp: now() - 5 }))).toMatchObject({ ok: true });
  });

  it('refuses a token not valid yet (nbf), beyond the skew, and accepts one within it', async () => {
    expect(await verify(hs.sign({ sub: 'alice' }, { expiresIn: 600, notBefore: 120 }))).toEqual({
      ok: false,
    });
    expect(await verify(hs.sign({ sub: 'alice' }, { expiresIn: 600, notBefore: 10 }))).toMatchObject({
      ok: true,
    });
  });

  it('refuses a token without exp: a connection must not outlive its identity', async () => {
    expect(await verify(hs.sign({ sub: 'alice' }))).toEqual({ ok: false });
  });

  it('refuses a token issued before its user was revoked, and accepts a later one', async () => {
    const before = hs.sign({ sub: 'mallory', iat: now() - 10 }, { expiresIn: 600 });
    await revocations.revoke('mallory', Date.now() - 5_000);
    expect(await verify(before)).toEqual({ ok: false });
    expect(await verify(hs.sign({ sub: 'mallory' }, { expiresIn: 600 }))).toMatchObject({ ok: true });
  });

  it("tells tokens of the revocation's own second apart by a fractional iat; a whole-second iat there is refused", async () => {
    const second = now() - 100;
    await revocations.revoke('trudy', second * 1000 + 500);
    const issuedAt = (iat: number) => verify(hs.sign({ sub: 'trudy', iat }, { expiresIn: 600 }));
    expect(await issuedAt(second + 0.8)).toMatchObject({ ok: true, user: { id: 'trudy' } });
    expect(await issuedAt(second + 0.2)).toEqual({ ok: false });
    // a whole second cannot say whether it came before the revocation: it might have, so it is refused
    expect(await issuedAt(second)).toEqual({ ok: false });
    expect(await issuedAt(second + 1)).toMatchObject({ ok: true });
  });
});

describe('JwtStrategy with an issuer and an audience', () => {
  const { verify } = setup({ issuer: 'https://idp.example', audience: 'pulse' });
  const sign = (options: { issuer?: string; audience?: string }) =>
    hs.sign({ sub: 'alice' }, { expiresIn: 60, ...options });

  it('accepts the configured iss and aud', async () => {
    expect(await verify(sign({ issuer: 'https://idp.example', audience: 'pulse' }))).toMatchObject({
      ok: true,
    });
  });

  it('refuses a wrong or missing issuer', async () => {
    expect(await verify(sign({ issuer: 'https://evil.example', audience: 'pulse' }))).toEqual({ ok: false });
    expect(await verify(sign({ audience: 'pulse' }))).toEqual({ ok: false });
  });

  it('refuses a wrong or missing audience', async () => {
    expect(await verify(sign({ issuer: 'https://idp.example', audience: 'other-app' }))).toEqual({
      ok: false,
    });
    expect(await verify(sign({ issuer: 'https://idp.example' }))).toEqual({ ok: false });
  });
});

interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

function rsaKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

function ecKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid } };
}

function signWith(key: TestKey, claims: object, algorithm: 'RS256' | 'ES256' | 'PS256' = 'RS256'): string {
  const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return new JwtService({}).sign(claims, { privateKey: pem, algorithm, keyid: key.kid, expiresIn: 60 });
}

describe('JwtStrategy with an identity provider JWKS', () => {
  let server: Server;
  let uri: string;
  let published: TestKey[] = [];
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const k1 = rsaKey('k1');
  const k2 = rsaKey('k2');
  const ec = ecKey('ec1');

  it('verifies RS256 and ES256 tokens by kid, fetching the key set once', async () => {
    published = [k1, ec];
    requests = 0;
    const { verify } = setup({ jwksUri: uri, devLogin: false });
    expect(await verify(signWith(k1, { sub: 'alice', roles: ['admin'] }))).toMatchObject({
      ok: true,
      user: { id: 'alice', roles: ['admin'] },
    });
    expect(await verify(signWith(ec, { sub: 'bob' }, 'ES256'))).toMatchObject({
      ok: true,
      user: { id: 'bob' },
    });
    expect(await verify(signWith(k1, { sub: 'carol' }))).toMatchObject({ ok: true });
    expect(requests).toBe(1);
  });

  it('follows a key rotation: a new kid triggers a re-fetch, the retired key stops working', async () => {
    published = [k1];
    requests = 0;
    const { verify } = setup({ jwksUri: uri, devLogin: false });
    expect(await verify(signWith(k1, { sub: 'alice' }))).toMatchObject({ ok: true });
    published = [k2];
    expect(await verify(signWith(k2, { sub: 'alice' }))).toMatchObject({ ok: true });
    expect(requests).toBe(2);
    expect(await verify(signWith(k1, { sub: 'alice' }))).toEqual({ ok: false });
  });

  it('bounds the re-fetches that made-up kids can cause', async () => {
    published = [k1];
    requests = 0;
    const { verify } = setup({ jwksUri: uri, devLogin: false });
    for (let i = 0; i < 20; i++)
      expect(await verify(signWith(rsaKeyWithKid(k1, `made-up-${i}`), { sub: 'x' }))).toEqual({ ok: false });
    expect(requests).toBeLessThanOrEqual(4);
  });

  it('refuses HS256 in JWKS mode once the dev login is off, even signed with the shared secret', async () => {
    published = [k1];
    const { verify } = setup({ jwksUri: uri, devLogin: false });
    expect(await verify(hs.sign({ sub: 'alice' }, { expiresIn: 60 }))).toEqual({ ok: false });
  });

  it('refuses an HS256 token keyed with the RSA public key (algorithm confusion)', async () => {
    published = [k1];
    const publicPem = createPublicKey({ key: k1.jwk as JsonWebKey, format: 'jwk' })
      .export({ format: 'pem', type: 'spki' })
      .toString();
    const forged = new JwtService({ secret: publicPem }).sign(
      { sub: 'alice', roles: ['admin'] },
      { expiresIn: 60, keyid: 'k1' },
    );
    expect(await verify(forged)).toEqual({ ok: false });
    const { verify: jwksOnly } = setup({ jwksUri: uri, devLogin: false });
    expect(await jwksOnly(forged)).toEqual({ ok: false });
  });

  it('refuses an algorithm off the allow-list, and a key used with an algorithm it does not fit', async () => {
    published = [k1, ec];
    const { verify } = setup({ jwksUri: uri, devLogin: false, jwksAlgorithms: ['RS256'] });
    expect(await verify(signWith(ec, { sub: 'alice' }, 'ES256'))).toEqual({ ok: false });
    expect(await verify(signWith(k1, { sub: 'alice' }, 'PS256'))).toEqual({ ok: false });
    expect(await verify(signWith(k1, { sub: 'alice' }))).toMatchObject({ ok: true });
  });

  const { verify } = setup();
  it('(shared-secret mode) refuses an RS256 token outright', async () => {
    expect(await verify(signWith(k1, { sub: 'alice' }))).toEqual({ ok: false });
  });
});

function rsaKeyWithKid(key: TestKey, kid: string): TestKey {
  return { ...key, kid };
}
