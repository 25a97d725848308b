import type { ServerMessage } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { BOARD_CELLS, boardCell, cellIndex } from '../testing/board-cells';

const SECRET = 'resume-test-secret-long-enough-1234';

describe.each([
  ['on the same node, in memory', false],
  ['across nodes, over Redis', true],
])('resuming a room %s', (_name, overRedis) => {
  let redis: TestRedisServer | undefined;
  let first: TestApp;
  let second: TestApp;
  const clients: TestClient[] = [];

  async function open(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    redis = overRedis ? await startRedisServer() : undefined;
    const env = {
      JWT_SECRET: SECRET,
      HISTORY_MAX_EVENTS: '500',
      RATE_LIMIT_MESSAGES_PER_SECOND: '0',
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    first = await startTestApp(env);
    second = overRedis ? await startTestApp(env) : first;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await first.close();
    if (second !== first) await second.close();
    await redis?.stop();
  });

  it('replays exactly what was missed, in order, then goes live with no gap or duplicate', async () => {
    const room = `resume-${overRedis ? 'redis' : 'memory'}`;
    const bob = await open(first, 'bob');
    bob.send({ type: 'join', room });
    await bob.next('snapshot');
    const alice = await open(first, 'alice');
    alice.send({ type: 'join', room });
    const { seq, epoch } = await alice.next('snapshot');
    expect(epoch).toEqual(expect.any(String));
    await alice.close();
    await bob.next('presence', (m) => m.player === 'alice' && m.status === 'offline');

    for (let i = 0; i < 200; i++) bob.send({ type: 'move', room, ...boardCell(i) });
    bob.send({ type: 'ping', t: 1 });
    await bob.next('pong');

    const back = await open(second, 'alice');
    back.send({ type: 'join', room, since: { seq, epoch: epoch as string } });
    const resumed = await back.next('resumed');
    bob.send({ type: 'move', room, ...boardCell(BOARD_CELLS - 1) });
    const live = await back.next('move', (m) => cellIndex(m) === BOARD_CELLS - 1);

    const replayed = back.received.slice(
      0,
      back.received.findIndex((m) => m.type === 'resumed'),
    );
    const seqs = replayed.map((m) => (m as ServerMessage & { seq: number }).seq);
    expect(seqs).toEqual(Array.from({ length: resumed.seq - seq }, (_, i) => seq + 1 + i));
    const moves = replayed.filter((m) => m.type === 'move');
    expect(moves.map((m) => (m.type === 'move' ? cellIndex(m) : -1))).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    expect(replayed.some((m) => m.type === 'snapshot')).toBe(false);
    expect(live.seq).toBeGreaterThan(resumed.seq);
    const afterResumed = back.received.slice(back.received.findIndex((m) => m.type === 'resumed') + 1);
    const liveSeqs = afterResumed
      .filter((m) => 'seq' in m)
      .map((m) => (m as ServerMessage & { seq: number }).seq);
    expect(liveSeqs[0]).toBe(resumed.seq + 1);
    expect(new Set(liveSeqs).size).toBe(liveSeqs.length);
  });

  it('sends a resync snapshot when the log no longer covers the gap, equal to what others see', async () => {
    const room = `overflow-${overRedis ? 'redis' : 'memory'}`;
    const carol = await open(first, 'carol');
    carol.send({ type: 'join', room });
    const { seq, epoch } = await carol.next('snapshot');
    await carol.close();
    const dave = await open(first, 'dave');
    dave.send({ type: 'join', room });
    await dave.next('snapshot');
    for (let i = 0; i < 600; i++) dave.send({ type: 'move', room, ...boardCell(i) });
    await dave.settle();

    const back = await open(second, 'carol');
    back.send({ type: 'join', room, since: { seq, epoch: epoch as string } });
    const resync = await back.next('snapshot');
    expect(resync.resync).toBe(true);
    const viewer = await open(second, 'erin');
    viewer.send({ type: 'join', room });
    const fresh = await viewer.next('snapshot');
    const positions = (players: typeof fresh.players) =>
      players.filter((p) => p.id !== 'erin').map(({ id, x, y }) => ({ id, x, y }));
    expect(positions(resync.players)).toEqual(positions(fresh.players));
    expect(resync.players.find((p) => p.id === 'dave')).toMatchObject(boardCell(599));
  });

  it('sends a resync snapshot for a seq from another epoch', async () => {
    const room = `epoch-${overRedis ? 'redis' : 'memory'}`;
    const client = await open(first, 'alice');
    client.send({ type: 'join', room, since: { seq: 3, epoch: 'not-this-one' } });
    await expect(client.next('snapshot')).resolves.toMatchObject({ resync: true, room });
  });
});
