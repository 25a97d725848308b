import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

const readiness = async (node: TestApp) => (await fetch(`${node.httpUrl}/readyz`)).status;

describe('Redis stopped and started again during a session', () => {
  let redis: TestRedisServer;
  let a: TestApp;
  let b: TestApp;
  const clients: TestClient[] = [];

  async function member(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    client.send({ type: 'join', room: 'outage' });
    await client.next('snapshot');
    return client;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: 'outage-test-secret-long-enough-123' };
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all([a.close(), b.close()]);
    await redis.stop();
  });

  it('keeps local delivery going, reports not-ready, then resyncs and resumes cross-node delivery', async () => {
    const alice = await member(a, 'alice');
    const bob = await member(a, 'bob');
    const carol = await member(b, 'carol');
    alice.send({ type: 'move', room: 'outage', x: 1, y: 1 });
    await expect(carol.next('move')).resolves.toMatchObject({ player: 'alice', x: 1, y: 1 });
    const before = await bob.next('move', (m) => m.x === 1);

    await redis.stop();
    await waitFor(async () => (await readiness(a)) === 503, 'node A to report not-ready');
    const report = await (await fetch(`${a.httpUrl}/readyz`)).json();
    expect(report).toMatchObject({ status: 'not-ready', checks: { redis: expect.stringMatching(/^down/) } });

    alice.send({ type: 'move', room: 'outage', x: 2, y: 2 });
    const local = await bob.next('move', (m) => m.x === 2);
    expect(local.seq).toBeGreaterThan(before.seq);

    const ticket = await fetch(`${a.httpUrl}/auth/ticket`, { method: 'POST', headers: { authorization: `Bearer ${await a.login('dave')}` } });
    expect(ticket.status).toBe(503);
    alice.send({ type: 'join', room: 'elsewhere', id: 'j-down' });
    await expect(alice.next('error', (e) => e.id === 'j-down')).resolves.toMatchObject({ code: 'UNAVAILABLE' });

    await redis.restart();
    await waitFor(async () => (await readiness(a)) === 200 && (await readiness(b)) === 200, 'both nodes ready again');

    const resyncs = await Promise.all([alice, bob, carol].map((client) => client.next('snapshot', (s) => s.resync === true)));
    const aliceInResync = resyncs[0].players.find((p) => p.id === 'alice');
    expect(aliceInResync).toMatchObject({ online: true });

    alice.send({ type: 'move', room: 'outage', x: 3, y: 3 });
    await expect(carol.next('move', (m) => m.x === 3)).resolves.toMatchObject({ player: 'alice' });
    await expect(bob.next('move', (m) => m.x === 3)).resolves.toMatchObject({ player: 'alice' });
  });
});
