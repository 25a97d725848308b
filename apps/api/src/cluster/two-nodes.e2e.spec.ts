import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';

const SECRET = 'cluster-test-secret-that-is-long-enough';

describe('several nodes sharing one Redis', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];
  const clients: TestClient[] = [];

  async function open(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: SECRET };
    nodes = await Promise.all([startTestApp(env), startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  it('redeems a ticket minted on node A on node B, once', async () => {
    const [a, b] = nodes;
    const ticket = await a.ticketFor('alice');
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${ticket}`)).resolves.toBe(101);
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
    await expect(upgradeStatus(`${a.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
  });

  it('delivers a move made on node A to a member on node B, with one seq', async () => {
    const [a, b] = nodes;
    const alice = await open(a, 'alice');
    alice.send({ type: 'join', room: 'x-node' });
    await alice.next('snapshot');
    const bob = await open(b, 'bob');
    bob.send({ type: 'join', room: 'x-node' });
    const bobSnapshot = await bob.next('snapshot');
    expect(bobSnapshot.players.map((p) => p.id)).toEqual(['alice', 'bob']);
    await expect(alice.next('presence')).resolves.toMatchObject({
      player: 'bob',
      status: 'online',
      seq: bobSnapshot.seq,
    });

    alice.send({ type: 'move', room: 'x-node', x: 4, y: 2 });
    const move = await bob.next('move');
    expect(move).toEqual({
      type: 'move',
      room: 'x-node',
      player: 'alice',
      x: 4,
      y: 2,
      seq: bobSnapshot.seq + 1,
    });
    expect(await alice.settle()).toEqual([]);
  });

  it('gives a joiner on any node the same state', async () => {
    const [a, b, c] = nodes;
    const dave = await open(a, 'dave');
    dave.send({ type: 'join', room: 'same-state' });
    await dave.next('snapshot');
    dave.send({ type: 'move', room: 'same-state', x: 9, y: 9, id: 'm' });
    await dave.next('ack');
    const viewers = await Promise.all([open(b, 'bob'), open(c, 'carol')]);
    for (const viewer of viewers) viewer.send({ type: 'join', room: 'same-state' });
    const [fromB, fromC] = await Promise.all(viewers.map((viewer) => viewer.next('snapshot')));
    expect(fromB.players.find((p) => p.id === 'dave')).toMatchObject({ x: 9, y: 9, online: true });
    expect(fromC.players.find((p) => p.id === 'dave')).toMatchObject({ x: 9, y: 9, online: true });
  });

  it('has 30 members on three nodes see every move exactly once, in seq order', async () => {
    const room = 'thirty';
    const members: TestClient[] = [];
    for (let i = 0; i < 30; i++) {
      const member = await open(nodes[i % 3], `user-${i}`);
      member.send({ type: 'join', room });
      await member.next('snapshot');
      members.push(member);
    }
    const senders = members.slice(0, 6);
    const movesPerSender = 10;
    for (let round = 0; round < movesPerSender; round++) {
      for (const [index, sender] of senders.entries())
        sender.send({ type: 'move', room, x: index, y: round });
    }
    const totalMoves = senders.length * movesPerSender;
    for (const [index, member] of members.entries()) {
      const expected = index < senders.length ? totalMoves - movesPerSender : totalMoves;
      const seen = [];
      for (let i = 0; i < expected; i++) seen.push(await member.next('move'));
      const seqs = seen.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(expected);
      expect(seen.filter((m) => m.player === `user-${index}`)).toEqual([]);
      expect((await member.settle()).filter((m) => m.type === 'move')).toEqual([]);
    }
  });

  it('takes a player offline for members on other nodes when their last connection closes', async () => {
    const [a, b] = nodes;
    const watcher = await open(a, 'alice');
    watcher.send({ type: 'join', room: 'bye' });
    await watcher.next('snapshot');
    const leaver = await open(b, 'carol');
    leaver.send({ type: 'join', room: 'bye' });
    await leaver.next('snapshot');
    await watcher.next('presence', (m) => m.player === 'carol' && m.status === 'online');
    await leaver.close();
    await expect(watcher.next('presence', (m) => m.player === 'carol')).resolves.toMatchObject({
      status: 'offline',
    });
  });
});
