import { startRedisSentinel, type TestRedisSentinel } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

const SECRET = 'redis-sentinel-test-secret-long-enough-1';
jest.setTimeout(60_000);

describe('a Pulse node over Sentinel (a primary and a replica)', () => {
  let sentinel: TestRedisSentinel;
  let api: TestApp;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    sentinel = await startRedisSentinel();
    api = await startTestApp({
      REDIS_SENTINELS: sentinel.sentinels,
      REDIS_SENTINEL_NAME: sentinel.name,
      JWT_SECRET: SECRET,
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await api.close();
    await sentinel.stop();
  });

  async function joined(user: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    clients.push(client);
    client.send({ type: 'join', room: 'sentinel' });
    await client.next('snapshot');
    return client;
  }

  it('serves through the primary Sentinel names, and through the promoted replica after the primary dies', async () => {
    const alice = await joined('alice');
    alice.send({ type: 'move', room: 'sentinel', x: 1, y: 1, id: 'before' });
    const before = await alice.next('ack', (m) => m.id === 'before');
    await sentinel.killPrimary();
    await waitFor(
      async () => (await sentinel.currentPrimaryPort()) === sentinel.replicaPort,
      'Sentinel to promote the replica',
      30_000,
    );
    await waitFor(
      async () =>
        (await fetch(`${api.httpUrl}/readyz`)).status === 200 &&
        (await api.ticketFor('bob').then(
          () => true,
          () => false,
        )),
      'the node to serve again',
      30_000,
    );
    const bob = await joined('bob');
    const snapshot = bob.received.find((m) => m.type === 'snapshot');
    expect(snapshot?.type === 'snapshot' && snapshot.seq).toBeGreaterThanOrEqual(before.seq ?? 0);
  });
});
