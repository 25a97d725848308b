import { PulsePaths, REFRESH_COOKIE, type LoginResponse, type RefreshResponse } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import Redis from 'ioredis';
import { request as httpRequest } from 'node:http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** A `Set-Cookie` header as attributes (lower-cased names; a flag's value is true). */
function parseSetCookie(header: string): { value: string; attributes: Record<string, string | true> } {
  const [pair, ...rest] = header.split(';').map((part) => part.trim());
  const attributes: Record<string, string | true> = {};
  for (const attribute of rest) {
    const [name, ...value] = attribute.split('=');
    attributes[name.toLowerCase()] = value.length > 0 ? value.join('=') : true;
  }
  expect(pair.startsWith(`${REFRESH_COOKIE.name}=`)).toBe(true);
  return { value: pair.slice(REFRESH_COOKIE.name.length + 1), attributes };
}

function refreshCookieOf(response: Response): { value: string; attributes: Record<string, string | true> } {
  const headers = response.headers
    .getSetCookie()
    .filter((header) => header.startsWith(`${REFRESH_COOKIE.name}=`));
  expect(headers).toHaveLength(1);
  return parseSetCookie(headers[0]);
}

async function signIn(
  api: TestApp,
  username = 'alice',
): Promise<{ cookie: string; accessToken: string; response: Response }> {
  const response = await fetch(`${api.httpUrl}${PulsePaths.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'pulse' }),
  });
  expect(response.status).toBe(200);
  const { accessToken } = (await response.json()) as LoginResponse;
  return { cookie: refreshCookieOf(response).value, accessToken, response };
}

function refresh(api: TestApp, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.httpUrl}${PulsePaths.refresh}`, {
    method: 'POST',
    headers: { ...(cookie === undefined ? {} : { cookie: `${REFRESH_COOKIE.name}=${cookie}` }), ...headers },
  });
}

function logout(api: TestApp, cookie?: string): Promise<Response> {
  return fetch(`${api.httpUrl}${PulsePaths.logout}`, {
    method: 'POST',
    headers: cookie === undefined ? {} : { cookie: `${REFRESH_COOKIE.name}=${cookie}` },
  });
}

async function ticketStatus(api: TestApp, accessToken: string): Promise<number> {
  return (
    await fetch(`${api.httpUrl}${PulsePaths.ticket}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).status;
}

/** A login whose Host header is not the loopback address: what a deployed server is asked. */
function loginWithHost(api: TestApp, host: string): Promise<string[]> {
  const url = new URL(`${api.httpUrl}${PulsePaths.login}`);
  const body = JSON.stringify({ username: 'bob', password: 'pulse' });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve([...(res.headers['set-cookie'] ?? [])]));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('refresh-token sessions (POST /auth/login, /auth/refresh, /auth/logout)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '120', ALLOWED_ORIGINS: 'http://app.example' });
  });
  afterAll(() => api.close());

  it('signs in with a short-lived access token and an HttpOnly, SameSite=Strict refresh cookie for /auth, 7 days by default', async () => {
    const { response, accessToken } = await signIn(api);
    const { value, attributes } = refreshCookieOf(response);
    expect(value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(attributes).toMatchObject({
      path: '/auth',
      httponly: true,
      samesite: 'Strict',
      'max-age': '604800',
    });
    expect(attributes).not.toHaveProperty('secure');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await ticketStatus(api, accessToken)).toBe(200);
  });

  it('marks the cookie Secure for every host but localhost and 127.0.0.1', async () => {
    const [deployed] = await loginWithHost(api, 'pulse.example.com');
    expect(parseSetCookie(deployed).attributes).toMatchObject({
      secure: true,
      httponly: true,
      samesite: 'Strict',
      path: '/auth',
    });
    const [local] = await loginWithHost(api, 'localhost:3000');
    expect(parseSetCookie(local).attributes).not.toHaveProperty('secure');
  });

  it('rotates: each refresh spends the cookie and sets the next one, with a fresh access token that buys tickets', async () => {
    const { cookie } = await signIn(api);
    const first = await refresh(api, cookie);
    expect(first.status).toBe(200);
    const body = (await first.json()) as RefreshResponse;
    expect(body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 120,
      user: { id: 'alice', name: 'Alice' },
    });
    const next = refreshCookieOf(first);
    expect(next.value).not.toBe(cookie);
    expect(next.attributes).toMatchObject({
      path: '/auth',
      httponly: true,
      samesite: 'Strict',
      'max-age': '604800',
    });
    expect(await ticketStatus(api, body.accessToken)).toBe(200);

    const second = await refresh(api, next.value);
    expect(second.status).toBe(200);
    expect(refreshCookieOf(second).value).not.toBe(next.value);
  });

  it('ends the whole sign-in when a spent refresh token comes back (reuse detection), and leaves other sign-ins alone', async () => {
    const { cookie: stolen } = await signIn(api);
    const { cookie: otherTab } = await signIn(api);
    const rotated = await refresh(api, stolen);
    const current = refreshCookieOf(rotated).value;

    const replay = await refresh(api, stolen);
    expect(replay.status).toBe(401);
    expect(refreshCookieOf(replay).attributes).toMatchObject({ 'max-age': '0', path: '/auth' });
    expect((await refresh(api, current)).status).toBe(401);
    expect((await refresh(api, otherTab)).status).toBe(200);
  });

  it('signs out: the sign-in ends and the cookie is cleared; signing out again is harmless', async () => {
    const { cookie } = await signIn(api);
    const out = await logout(api, cookie);
    expect(out.status).toBe(204);
    expect(refreshCookieOf(out).attributes).toMatchObject({ 'max-age': '0', path: '/auth', httponly: true });
    expect((await refresh(api, cookie)).status).toBe(401);
    expect((await logout(api, cookie)).status).toBe(204);
    expect((await logout(api)).status).toBe(204);
  });

  it('answers 401, never 500, to a missing, made-up or mangled cookie', async () => {
    const { cookie } = await signIn(api);
    for (const presented of [
      undefined,
      '',
      'x',
      `${cookie}x`,
      cookie.replace(/^[^.]+/, Buffer.from('bob').toString('base64url')),
      '.'.repeat(50),
      '%E0%A4%A',
    ]) {
      const answer = await refresh(api, presented);
      expect({ presented, status: answer.status }).toEqual({ presented, status: 401 });
    }
    expect((await refresh(api, cookie)).status).toBe(200);
  });

  it('refuses a refresh from a browser origin outside ALLOWED_ORIGINS', async () => {
    const { cookie } = await signIn(api);
    expect((await refresh(api, cookie, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await refresh(api, cookie, { origin: 'http://app.example' })).status).toBe(200);
  });

  it('ends every sign-in of a user an admin revokes', async () => {
    const { cookie } = await signIn(api, 'carol');
    const { accessToken: admin } = await signIn(api, 'dave');
    expect(
      (
        await fetch(`${api.httpUrl}/admin/users/carol/revoke`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}` },
        })
      ).status,
    ).toBe(200);
    expect((await refresh(api, cookie)).status).toBe(401);
    const { cookie: fresh } = await signIn(api, 'carol');
    expect((await refresh(api, fresh)).status).toBe(200);
  });
});

describe('refresh tokens expire after REFRESH_TOKEN_TTL_SECONDS', () => {
  it('sets Max-Age to it, and refuses the token once it has passed', async () => {
    const api = await startTestApp({ REFRESH_TOKEN_TTL_SECONDS: '1' });
    try {
      const { cookie, response } = await signIn(api);
      expect(refreshCookieOf(response).attributes['max-age']).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await refresh(api, cookie)).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});

describe('refresh-token sessions on two nodes sharing a Redis', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: 'refresh-sessions-e2e-secret-long-enough' };
    nodes = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  it('rotates on either node, detects a replay on the other, and keeps only digests in Redis', async () => {
    const [a, b] = nodes;
    const { cookie } = await signIn(a);
    const rotated = await refresh(b, cookie);
    expect(rotated.status).toBe(200);
    const next = refreshCookieOf(rotated).value;
    expect((await refresh(a, cookie)).status).toBe(401);
    expect((await refresh(b, next)).status).toBe(401);

    const { cookie: kept } = await signIn(b);
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('pulse:refresh:*');
      expect(keys.length).toBeGreaterThan(0);
      const dump = [
        ...keys,
        ...(await Promise.all(
          keys.map(async (key) =>
            (await client.type(key)) === 'hash'
              ? JSON.stringify(await client.hgetall(key))
              : await client.get(key),
          ),
        )),
      ].join('\n');
      expect(dump).not.toContain(kept.split('.')[1]);
      expect(dump).not.toContain(next.split('.')[1]);
    } finally {
      await client.quit();
    }
  });
});
