import { JwtService } from '@nestjs/jwt';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { rsaKey, signAs, startJwksServer, type JwksServer } from './testing/jwks-server';
import { postTicket, ticketWith } from './testing/tickets';

const ISSUER = 'https://idp.pulse.test/realms/pulse';
const AUDIENCE = 'pulse-api';

describe('access tokens from an identity provider (JWKS)', () => {
  const k1 = rsaKey('key-2026-01');
  const k2 = rsaKey('key-2026-02');
  let idp: JwksServer;
  let api: TestApp;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    idp = await startJwksServer([k1]);
    api = await startTestApp({
      JWT_JWKS_URI: idp.uri,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_ROLES_CLAIM: 'realm_access.roles',
      DEV_LOGIN: 'false',
      JWT_SECRET: 'jwks-e2e-shared-secret-long-enough!',
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await api.close();
    await idp.close();
  });

  const idpToken = (key = k1, claims: Record<string, unknown> = { sub: 'iris' }, options = {}) =>
    signAs(key, claims, { issuer: ISSUER, audience: AUDIENCE, ...options });

  it('opens a socket with a ticket for an IdP token, with roles from the configured claim', async () => {
    const token = idpToken(k1, { sub: 'iris', name: 'Iris', realm_access: { roles: ['admin'] } });
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await ticketWith(api.httpUrl, token)}`);
    clients.push(client);
    client.send({ type: 'join', room: 'admin:ops' });
    await expect(client.next('snapshot')).resolves.toMatchObject({ room: 'admin:ops', self: 'iris' });
  });

  it('follows a key rotation: the JWKS server switches keys, the new kid works, the retired one stops', async () => {
    const fetchesBefore = idp.requests();
    idp.publish([k2]);
    expect((await postTicket(api.httpUrl, idpToken(k2))).status).toBe(200);
    expect(idp.requests()).toBe(fetchesBefore + 1);
    expect((await postTicket(api.httpUrl, idpToken(k2, { sub: 'jules' }))).status).toBe(200);
    expect(idp.requests()).toBe(fetchesBefore + 1);
    expect((await postTicket(api.httpUrl, idpToken(k1))).status).toBe(401);
    idp.publish([k1, k2]);
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    expect(
      (
        await postTicket(
          api.httpUrl,
          signAs(k1, { sub: 'iris' }, { issuer: 'https://evil.test', audience: AUDIENCE }),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await postTicket(
          api.httpUrl,
          signAs(k1, { sub: 'iris' }, { issuer: ISSUER, audience: 'another-app' }),
        )
      ).status,
    ).toBe(401);
  });

  it('refuses an expired token and one not valid yet, beyond the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await postTicket(api.httpUrl, idpToken(k1, { sub: 'iris', exp: now - 60 }))).status).toBe(401);
    expect((await postTicket(api.httpUrl, idpToken(k1, { sub: 'iris' }, { notBefore: 120 }))).status).toBe(
      401,
    );
  });

  it('refuses a forged signature, alg none, and HS256 (even with the shared secret) once the dev login is off', async () => {
    const good = idpToken(k1, { sub: 'iris' });
    const [header, , signature] = good.split('.');
    const escalated = Buffer.from(
      JSON.stringify({
        sub: 'iris',
        realm_access: { roles: ['admin'] },
        iss: ISSUER,
        aud: AUDIENCE,
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString('base64url');
    expect((await postTicket(api.httpUrl, `${header}.${escalated}.${signature}`)).status).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await postTicket(api.httpUrl, `${none}.${escalated}.`)).status).toBe(401);
    const hs = new JwtService({ secret: 'jwks-e2e-shared-secret-long-enough!' }).sign(
      { sub: 'iris', iss: ISSUER, aud: AUDIENCE },
      { expiresIn: 60 },
    );
    expect((await postTicket(api.httpUrl, hs)).status).toBe(401);
  });
});
