import { ADMIN_CONSOLE_ROOM, ErrorCode, type ServerMessageOf } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';

describe('the console feed (admin:console)', () => {
  let api: TestApp;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await api.close();
  });

  async function connect(user: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    clients.push(client);
    return client;
  }

  it('refuses a non-admin with FORBIDDEN, and sends them no sample', async () => {
    const bob = await connect('bob');
    bob.send({ type: 'console-watch', id: 'w1' });
    await expect(bob.next('error')).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, id: 'w1' });
    // a plain join of the room is refused too, for admins and everyone else
    bob.send({ type: 'join', room: ADMIN_CONSOLE_ROOM, id: 'j1' });
    await expect(bob.next('error')).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, id: 'j1' });
    // one interval later still no sample: wait for an admin's second sample, then settle bob
    const dave = await connect('dave');
    dave.send({ type: 'console-watch' });
    await dave.next('console-sample');
    await dave.next('console-sample');
    expect((await bob.settle()).filter((m) => m.type === 'console-sample')).toEqual([]);
    dave.send({ type: 'join', room: ADMIN_CONSOLE_ROOM, id: 'j2' });
    await expect(dave.next('error', (m) => m.id === 'j2')).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
  });

  it("gives an admin this node's figures, which follow the traffic: messages, rooms, refusals and closes", async () => {
    const dave = await connect('dave');
    dave.send({ type: 'console-watch', id: 'w2' });
    await dave.next('ack', (m) => m.id === 'w2');
    const players = await Promise.all(['alice', 'carol'].map(connect));
    for (const player of players) {
      player.send({ type: 'join', room: 'console-e2e' });
      await player.next('snapshot');
    }
    for (let i = 0; i < 20; i++) players[0].send({ type: 'move', room: 'console-e2e', x: i % 10, y: 1 });
    await players[0].settle();
    await expect(upgradeStatus(`${api.wsUrl}?ticket=not-a-ticket`)).resolves.toBe(401);
    const leaver = await connect('erin');
    await leaver.close();

    const seen = await collectUntil(dave, (samples) => {
      const total = (pick: (s: ServerMessageOf<'console-sample'>) => number) =>
        samples.reduce((sum, s) => sum + pick(s) * s.intervalSeconds, 0);
      const last = samples.at(-1);
      return (
        total((s) => s.messagesInPerSecond) >= 20 &&
        total((s) => s.messagesOutPerSecond) >= 20 &&
        samples.some((s) => s.fanout !== null) &&
        samples.some((s) => (s.refusedUpgrades['ticket-invalid'] ?? 0) > 0) &&
        samples.some((s) => (s.closes['1000'] ?? 0) > 0) &&
        last !== undefined &&
        last.rooms.some((room) => room.name === 'console-e2e' && room.members === 2)
      );
    });
    const last = seen.at(-1);
    expect(last?.connections.ws).toBeGreaterThanOrEqual(3);
    expect(last?.redis).toBeNull();
    expect(last?.memberCount).toBeGreaterThanOrEqual(3);
    const fanout = seen.find((s) => s.fanout !== null)?.fanout;
    expect(fanout?.p50).toBeGreaterThan(0);
    expect(fanout?.p99).toBeGreaterThanOrEqual(fanout?.p50 ?? 0);
  });

  it('stops the samples after console-unwatch, and answers NOT_IN_ROOM to an unwatch without a watch', async () => {
    const dave = await connect('dave');
    dave.send({ type: 'console-unwatch', id: 'u0' });
    await expect(dave.next('error')).resolves.toMatchObject({ code: ErrorCode.NOT_IN_ROOM, id: 'u0' });
    dave.send({ type: 'console-watch', id: 'w3' });
    await dave.next('console-sample');
    dave.send({ type: 'console-unwatch', id: 'u1' });
    await dave.next('ack', (m) => m.id === 'u1');
    await dave.settle();
    // a watcher that stays gets two more samples; dave gets none meanwhile
    const other = await connect('dave');
    other.send({ type: 'console-watch' });
    await other.next('console-sample');
    await other.next('console-sample');
    expect((await dave.settle()).filter((m) => m.type === 'console-sample')).toEqual([]);
  });
});

describe('the console feed across two nodes sharing a Redis', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: 'admin-console-e2e-secret-long-enough' };
    nodes = await Promise.all([startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  it("shows an admin on one node both nodes' samples, with Redis up", async () => {
    const [a] = nodes;
    const dave = await TestClient.open(`${a.wsUrl}?ticket=${await a.ticketFor('dave')}`);
    clients.push(dave);
    dave.send({ type: 'console-watch' });
    const seen = await collectUntil(
      dave,
      (samples) => new Set(samples.map((s) => s.node)).size === 2,
      20_000,
    );
    expect(new Set(seen.map((s) => s.node)).size).toBe(2);
    expect(seen.every((s) => s.redis?.up === true)).toBe(true);
  }, 30_000);
});

/** Console samples as they come, until `done` holds for those seen so far (or `withinMs` has passed). */
async function collectUntil(
  client: TestClient,
  done: (samples: ServerMessageOf<'console-sample'>[]) => boolean,
  withinMs = 15_000,
): Promise<ServerMessageOf<'console-sample'>[]> {
  const samples: ServerMessageOf<'console-sample'>[] = [];
  const started = performance.now();
  while (!done(samples)) {
    if (performance.now() - started > withinMs)
      throw new Error(`not seen within ${withinMs} ms: ${JSON.stringify(samples.at(-1))}`);
    samples.push(await client.next('console-sample'));
  }
  return samples;
}
