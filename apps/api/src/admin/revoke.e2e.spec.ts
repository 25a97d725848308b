import { CloseCode, PulsePaths, type LoginResponse } from '@pulse/protocol';
import { DEFAULT_GATEWAY_OPTIONS } from '@pulse/gateway';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';

const SECRET = 'revoke-e2e-secret-that-is-long-enough';

function revoke(node: TestApp, userId: string, token?: string): Promise<Response> {
  return fetch(`${node.httpUrl}/admin/users/${encodeURIComponent(userId)}/revoke`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('POST /admin/users/:id/revoke, two nodes sharing a Redis', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];
  const toClose: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: SECRET };
    nodes = await Promise.all([startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    for (const client of toClose) await client.close();
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  async function native(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    toClose.push(client);
    return client;
  }

  it('is for admins only: 401 without a token, 403 without the role', async () => {
    const [a] = nodes;
    expect((await revoke(a, 'alice')).status).toBe(401);
    expect((await revoke(a, 'alice', await a.login('bob'))).status).toBe(403);
  });

  it("closes all of the user's sockets on every node at once (pushed, not polled), and only theirs", async () => {
    const [a, b] = nodes;
    const onA = await native(a, 'alice');
    const onB = await native(b, 'alice');
    const sio = await SocketIoTestClient.connect(b.httpUrl, await b.ticketFor('alice'));
    toClose.push(sio);
    const sioClosed = new Promise<unknown>((resolve) => sio.socket.on('close', resolve));
    const bystander = await native(b, 'bob');
    const spareTicket = await a.ticketFor('alice');

    const started = performance.now();
    const response = await revoke(a, 'alice', await a.login('dave'));
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ userId: 'alice', revokedAt: expect.any(Number) });
    const closes = await Promise.all([onA.closed, onB.closed, sioClosed]);
    // Nothing on these nodes that could close a socket runs periodically more often than the heartbeat (30 s), so
    // closes well inside a third of it came from the push; on a quiet machine they take a few milliseconds.
    expect(performance.now() - started).toBeLessThan(DEFAULT_GATEWAY_OPTIONS.heartbeatIntervalMs / 3);
    expect(closes).toEqual([
      { code: CloseCode.AUTH_REVOKED, reason: 'revoked' },
      { code: CloseCode.AUTH_REVOKED, reason: 'revoked' },
      { code: CloseCode.AUTH_REVOKED, reason: 'revoked' },
    ]);
    expect(await bystander.settle()).toEqual([]);

    // what alice held before the revocation is void everywhere: her token and a ticket minted earlier
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${spareTicket}`)).resolves.toBe(401);
    const oldToken = await a.login('alice');
    for (const node of nodes) {
      const ticket = await fetch(`${node.httpUrl}/auth/ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${oldToken}` },
      });
      expect(ticket.status).toBe(401);
    }
  });
});

describe('POST /admin/users/:id/revoke on a single node (no Redis)', () => {
  it("closes the user's sockets on this node", async () => {
    const api = await startTestApp();
    try {
      const erin = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('erin')}`);
      const response = await revoke(api, 'erin', await api.login('dave'));
      expect(response.status).toBe(200);
      await expect(erin.closed).resolves.toEqual({ code: CloseCode.AUTH_REVOKED, reason: 'revoked' });
    } finally {
      await api.close();
    }
  });

  it('accepts a sign-in right after the revocation, in the same second, and still refuses the token from before', async () => {
    const api = await startTestApp();
    try {
      const before = await api.login('carol');
      const response = await revoke(api, 'carol', await api.login('dave'));
      const { revokedAt } = (await response.json()) as { revokedAt: number };
      const login = await fetch(`${api.httpUrl}${PulsePaths.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'carol', password: 'pulse' }),
      });
      const { accessToken } = (await login.json()) as LoginResponse;
      // the dev login's iat is to the ms, so it is after the revocation even when both fall in one whole second
      const { iat } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
        iat: number;
      };
      expect(iat * 1000).toBeGreaterThan(revokedAt);
      const ticket = (token: string) =>
        fetch(`${api.httpUrl}${PulsePaths.ticket}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await ticket(accessToken)).status).toBe(200);
      expect((await ticket(before)).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});
