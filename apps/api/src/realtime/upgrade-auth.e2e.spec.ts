import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';

describe('socket upgrade auth', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ ALLOWED_ORIGINS: 'https://app.example.com' });
  });

  afterAll(() => api.close());

  it('opens a socket with a fresh ticket, and refuses the same ticket again with 401', async () => {
    const ticket = await api.ticketFor('alice');
    await expect(upgradeStatus(`${api.wsUrl}?ticket=${ticket}`)).resolves.toBe(101);
    await expect(upgradeStatus(`${api.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
  });

  it('refuses a missing or forged ticket with 401', async () => {
    await expect(upgradeStatus(api.wsUrl)).resolves.toBe(401);
    await expect(upgradeStatus(`${api.wsUrl}?ticket=${'A'.repeat(43)}`)).resolves.toBe(401);
  });

  it('refuses an access token in the URL with 401, even a valid one', async () => {
    const jwt = await api.login('alice');
    await expect(upgradeStatus(`${api.wsUrl}?token=${jwt}`)).resolves.toBe(401);
    await expect(upgradeStatus(`${api.wsUrl}?access_token=${jwt}`)).resolves.toBe(401);
  });

  it('refuses a browser origin that is not allowed with 403, and lets an allowed one in', async () => {
    const ticket = await api.ticketFor('alice');
    await expect(
      upgradeStatus(`${api.wsUrl}?ticket=${ticket}`, { origin: 'https://evil.example.com' }),
    ).resolves.toBe(403);
    const second = await api.ticketFor('alice');
    await expect(
      upgradeStatus(`${api.wsUrl}?ticket=${second}`, { origin: 'https://app.example.com' }),
    ).resolves.toBe(101);
  });

  it('issues tickets only for a valid bearer token', async () => {
    const post = (authorization?: string) =>
      fetch(`${api.httpUrl}/auth/ticket`, {
        method: 'POST',
        headers: authorization ? { authorization } : {},
      });
    expect((await post()).status).toBe(401);
    expect((await post('Bearer not.a.jwt')).status).toBe(401);
    const jwt = await api.login('bob');
    const forged = jwt.slice(0, -4) + (jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await post(`Bearer ${forged}`)).status).toBe(401);
    const ok = await post(`Bearer ${jwt}`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { ticket: string; expiresIn: number };
    expect(body.expiresIn).toBe(30);
    expect(Buffer.from(body.ticket, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('answers a bad login with 401 and a malformed one with 400', async () => {
    const login = (body: unknown) =>
      fetch(`${api.httpUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await login({ username: 'alice', password: 'nope' })).status).toBe(401);
    expect((await login({ username: 'alice' })).status).toBe(400);
    expect((await login({ username: 'alice', password: 'pulse' })).status).toBe(200);
  });

  it('puts the ticket holder on the socket', async () => {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('carol')}`);
    client.send({ type: 'join', room: 'who' });
    await expect(client.next('snapshot')).resolves.toMatchObject({ self: 'carol' });
    await client.close();
  });
});

describe('dev login in production', () => {
  it('is off, and a JWT from elsewhere signed with JWT_SECRET still gets a ticket', async () => {
    const secret = 'p'.repeat(40);
    const api = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: secret });
    try {
      const login = await fetch(`${api.httpUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'pulse' }),
      });
      expect(login.status).toBe(404);
      const { JwtService } = await import('@nestjs/jwt');
      const jwt = await new JwtService({ secret }).signAsync({ sub: 'erin' }, { expiresIn: 60 });
      const ticket = await fetch(`${api.httpUrl}/auth/ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}` },
      });
      expect(ticket.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
