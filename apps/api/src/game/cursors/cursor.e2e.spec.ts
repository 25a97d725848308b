import { CloseCode, ErrorCode, GAME_BOARD, type ServerMessage } from '@pulse/protocol';
import { useNodePair } from '../../testing/node-pair';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { SocketIoTestClient } from '../../testing/socket-io-test-client';
import { TestClient } from '../../testing/test-client';

const SECRET = 'cursor-test-secret-that-is-long-enough-42';

/** Live pointers over real sockets: on one node in memory, and across two nodes sharing a real Redis. */
describe.each([
  ['on one node, in memory', false],
  ['across two nodes, over Redis', true],
])('cursors %s', (_name, overRedis) => {
  const nodes = useNodePair(overRedis, { JWT_SECRET: SECRET });
  const { open, join } = nodes;

  it("relays a member's pointer to the others, naming the player, and not back to the sender", async () => {
    const alice = await join(nodes.a, 'alice', 'pointers');
    const bob = await join(nodes.b, 'bob', 'pointers');
    await alice.client.next('presence', (m) => m.player === 'bob');
    bob.client.send({ type: 'cursor', room: 'pointers', x: 4.5, y: 7.25 });
    await expect(alice.client.next('cursor')).resolves.toEqual({
      type: 'cursor',
      room: 'pointers',
      player: 'bob',
      x: 4.5,
      y: 7.25,
    });
    alice.client.send({ type: 'cursor', room: 'pointers', x: 0, y: GAME_BOARD.height - 0.5 });
    await expect(bob.client.next('cursor')).resolves.toEqual({
      type: 'cursor',
      room: 'pointers',
      player: 'alice',
      x: 0,
      y: GAME_BOARD.height - 0.5,
    });
    const bobGotBack = (await bob.client.settle()).filter((m) => m.type === 'cursor' && m.player === 'bob');
    expect(bobGotBack).toEqual([]);
  });

  it('relays between Socket.IO and native WebSocket clients alike', async () => {
    const alice = await join(nodes.a, 'alice', 'mixed');
    const bob = await SocketIoTestClient.connect(nodes.b.httpUrl, await nodes.b.ticketFor('bob'));
    try {
      bob.emit({ type: 'join', room: 'mixed' });
      await bob.next('snapshot');
      await alice.client.next('presence', (m) => m.player === 'bob');
      bob.emit({ type: 'cursor', room: 'mixed', x: 8.5, y: 2 });
      await expect(alice.client.next('cursor')).resolves.toEqual({
        type: 'cursor',
        room: 'mixed',
        player: 'bob',
        x: 8.5,
        y: 2,
      });
      alice.client.send({ type: 'cursor', room: 'mixed', x: 1, y: 20.75 });
      await expect(bob.next('cursor')).resolves.toEqual({
        type: 'cursor',
        room: 'mixed',
        player: 'alice',
        x: 1,
        y: 20.75,
      });
    } finally {
      bob.close();
    }
  });

  it('conflates: of a burst sent within a tick only the latest goes out, and the last one always does', async () => {
    const alice = await join(nodes.a, 'alice', 'burst');
    const bob = await join(nodes.b, 'bob', 'burst');
    await alice.client.next('presence', (m) => m.player === 'bob');
    const BURST = 40;
    for (let i = 1; i <= BURST; i++) bob.client.send({ type: 'cursor', room: 'burst', x: i / 2, y: 1 });
    await alice.client.next('cursor', (m) => m.x === BURST / 2);
    const seen = alice.client.received.filter(
      (m): m is Extract<ServerMessage, { type: 'cursor' }> => m.type === 'cursor' && m.room === 'burst',
    );
    expect(seen.length).toBeLessThan(BURST / 4);
    const xs = seen.map((m) => m.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // Nothing of the burst is still to come: a later move arrives with no pointer after the last one.
    bob.client.send({ type: 'move', room: 'burst', x: 3, y: 3, id: 'burst-move' });
    await alice.client.next('move', (m) => m.player === 'bob');
    await alice.client.settle();
    expect(alice.client.received.filter((m) => m.type === 'cursor' && m.room === 'burst')).toHaveLength(
      seen.length,
    );
  });

  it('keeps pointers out of the room sequence, its history and every resume', async () => {
    const alice = await join(nodes.a, 'alice', 'unkept');
    const bob = await join(nodes.b, 'bob', 'unkept');
    const bobOnline = await alice.client.next('presence', (m) => m.player === 'bob');
    for (let i = 0; i < 3; i++) {
      bob.client.send({ type: 'cursor', room: 'unkept', x: 10 + i, y: 2 });
      await alice.client.next('cursor', (m) => m.x === 10 + i);
    }
    bob.client.send({ type: 'move', room: 'unkept', x: 5, y: 5, id: 'unkept-move' });
    const move = await alice.client.next('move', (m) => m.player === 'bob');
    expect(move.seq).toBe(bobOnline.seq! + 1);

    const resumer = await open(nodes.b, 'carol');
    resumer.send({
      type: 'join',
      room: 'unkept',
      since: { seq: alice.snapshot.seq, epoch: alice.snapshot.epoch! },
    });
    const resumed = await resumer.next('resumed');
    const replay = resumer.received.slice(0, resumer.received.indexOf(resumed));
    // Bob's presence, his move, then the resumer's own presence: every seq once, and no pointer among them.
    expect(replay.map((m) => [m.type, 'seq' in m ? m.seq : undefined])).toEqual([
      ['presence', bobOnline.seq],
      ['move', move.seq],
      ['presence', resumed.seq],
    ]);

    const late = await join(nodes.a, 'dave', 'unkept');
    expect(late.snapshot.seq).toBeGreaterThanOrEqual(move.seq);
    expect((await late.client.settle()).filter((m) => m.type === 'cursor')).toEqual([]);
  });

  it('refuses a pointer off the board with INVALID_MESSAGE and relays nothing of it', async () => {
    const alice = await join(nodes.a, 'alice', 'bounds');
    const bob = await join(nodes.b, 'bob', 'bounds');
    await alice.client.next('presence', (m) => m.player === 'bob');
    for (const [x, y, field] of [
      [GAME_BOARD.width, 0, 'x'],
      [1, GAME_BOARD.height + 0.5, 'y'],
      [-1, 1, 'x'],
      [1, 5000, 'y'],
    ] as const) {
      bob.client.send({ type: 'cursor', room: 'bounds', x, y });
      const error = await bob.client.next('error');
      expect(error).toEqual({
        type: 'error',
        code: ErrorCode.INVALID_MESSAGE,
        message: expect.stringContaining(`"${field}"`),
      });
    }
    bob.client.send({ type: 'cursor', room: 'not-joined', x: 1, y: 1 });
    await expect(bob.client.next('error')).resolves.toMatchObject({ code: ErrorCode.NOT_IN_ROOM });
    bob.client.send({ type: 'cursor', room: 'bounds', x: 1, y: 1 });
    await alice.client.next('cursor', (m) => m.room === 'bounds');
    expect(alice.client.received.filter((m) => m.type === 'cursor' && m.room === 'bounds')).toEqual([
      { type: 'cursor', room: 'bounds', player: 'bob', x: 1, y: 1 },
    ]);
  });
});

describe('cursors and the message budget', () => {
  let node: TestApp;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    node = await startTestApp({ JWT_SECRET: SECRET, RATE_LIMIT_MESSAGES_PER_SECOND: '5' });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await node.close();
  });

  it('counts every cursor: over the budget it is refused with RATE_LIMITED, and a flood is closed with 4008', async () => {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor('alice')}`);
    clients.push(client);
    client.send({ type: 'join', room: 'budget' });
    await client.next('snapshot');
    for (let i = 0; i < 60; i++) client.send({ type: 'cursor', room: 'budget', x: 1, y: 1 });
    await expect(client.next('error')).resolves.toMatchObject({ code: ErrorCode.RATE_LIMITED });
    await expect(client.closed).resolves.toMatchObject({ code: CloseCode.RATE_LIMIT_EXCEEDED });
  });
});
