import { CHAT_TEXT_MAX_LENGTH } from '@pulse/protocol';
import { useNodePair } from '../testing/node-pair';

const SECRET = 'chat-test-secret-that-is-long-enough-42';

/** Message ids are remembered per user (a repeated id is acknowledged, not applied again), so each test uses fresh ones. */
let ids = 0;
const uid = (label: string) => `${label}-${++ids}`;

/** Chat and typing over real sockets: on one node in memory, and across two nodes sharing a real Redis. */
describe.each([
  ['on one node, in memory', false],
  ['across two nodes, over Redis', true],
])('chat %s', (_name, overRedis) => {
  const nodes = useNodePair(overRedis, { JWT_SECRET: SECRET });
  const join = nodes.join;

  it('sends a line to every member, the sender included, named, timestamped and sequenced', async () => {
    const alice = await join(nodes.a, 'alice', 'talk');
    const bob = await join(nodes.b, 'bob', 'talk');
    await alice.client.next('presence', (m) => m.player === 'bob');
    const before = Date.now();
    const id = uid('c');
    bob.client.send({ type: 'chat', room: 'talk', text: '<script>alert("hi")</script>', id });
    const expected = {
      type: 'chat',
      room: 'talk',
      player: 'bob',
      name: 'Bob',
      text: '<script>alert("hi")</script>',
      seq: bob.snapshot.seq + 1,
      at: expect.any(Number),
    };
    const seenByAlice = await alice.client.next('chat');
    expect(seenByAlice).toEqual(expected);
    expect(seenByAlice.at).toBeGreaterThanOrEqual(before - 1000);
    await expect(bob.client.next('chat')).resolves.toEqual(expected);
    await expect(bob.client.next('ack')).resolves.toEqual({ type: 'ack', id });
  });

  it('numbers chat lines and moves in one order per room', async () => {
    const alice = await join(nodes.a, 'alice', 'ordered');
    const bob = await join(nodes.b, 'bob', 'ordered');
    const carol = await join(nodes.b, 'carol', 'ordered');
    await alice.client.next('presence', (m) => m.player === 'carol');
    alice.client.send({ type: 'move', room: 'ordered', x: 1, y: 1, id: uid('m') });
    await alice.client.next('ack');
    bob.client.send({ type: 'chat', room: 'ordered', text: 'between moves', id: uid('c') });
    await bob.client.next('ack');
    alice.client.send({ type: 'move', room: 'ordered', x: 2, y: 2, id: uid('m') });
    await alice.client.next('ack');
    const first = await carol.client.next('move', (m) => m.x === 1);
    const line = await carol.client.next('chat');
    const second = await carol.client.next('move', (m) => m.x === 2);
    expect([first.seq, line.seq, second.seq]).toEqual([
      carol.snapshot.seq + 1,
      carol.snapshot.seq + 2,
      carol.snapshot.seq + 3,
    ]);
  });

  it('gives a member the recent lines on request, oldest first', async () => {
    const alice = await join(nodes.a, 'alice', 'history');
    for (const text of ['first', 'second', 'third']) {
      const id = uid(text);
      alice.client.send({ type: 'chat', room: 'history', text, id });
      await alice.client.next('ack', (m) => m.id === id);
    }
    const dave = await join(nodes.b, 'dave', 'history');
    const id = uid('h');
    dave.client.send({ type: 'chat-history', room: 'history', id });
    const history = await dave.client.next('chat-history');
    expect(history.messages.map((m) => [m.text, m.player, m.name])).toEqual([
      ['first', 'alice', 'Alice'],
      ['second', 'alice', 'Alice'],
      ['third', 'alice', 'Alice'],
    ]);
    expect(history.messages.every((m) => m.seq <= dave.snapshot.seq)).toBe(true);
    await expect(dave.client.next('ack')).resolves.toEqual({ type: 'ack', id });
  });

  it('refuses chat outside a joined room and text that is empty, blank or too long; the socket stays open', async () => {
    const bob = await join(nodes.a, 'bob', 'strict');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'chat', room: 'elsewhere', text: 'hi', id: uid('e') }, 'NOT_IN_ROOM'],
      [{ type: 'chat-history', room: 'elsewhere', id: uid('e') }, 'NOT_IN_ROOM'],
      [{ type: 'typing', room: 'elsewhere', active: true, id: uid('e') }, 'NOT_IN_ROOM'],
      [{ type: 'chat', room: 'strict', text: '', id: uid('e') }, 'INVALID_MESSAGE'],
      [{ type: 'chat', room: 'strict', text: ' \n ', id: uid('e') }, 'INVALID_MESSAGE'],
      [
        { type: 'chat', room: 'strict', text: 'x'.repeat(CHAT_TEXT_MAX_LENGTH + 1), id: uid('e') },
        'INVALID_MESSAGE',
      ],
      [{ type: 'typing', room: 'strict', active: 'yes', id: uid('e') }, 'INVALID_MESSAGE'],
    ];
    for (const [message, code] of cases) {
      bob.client.send(message);
      await expect(bob.client.next('error', (m) => m.id === message['id'])).resolves.toMatchObject({ code });
    }
    expect(await bob.client.settle()).toEqual([]);
  });

  it('tells the other members who is typing, unsequenced, and not the typist', async () => {
    const alice = await join(nodes.a, 'alice', 'typing');
    const bob = await join(nodes.b, 'bob', 'typing');
    await alice.client.next('presence', (m) => m.player === 'bob');
    alice.client.send({ type: 'typing', room: 'typing', active: true });
    await expect(bob.client.next('typing')).resolves.toEqual({
      type: 'typing',
      room: 'typing',
      player: 'alice',
      active: true,
    });
    alice.client.send({ type: 'typing', room: 'typing', active: false });
    await expect(bob.client.next('typing')).resolves.toEqual({
      type: 'typing',
      room: 'typing',
      player: 'alice',
      active: false,
    });
    expect(await alice.client.settle()).toEqual([]);
  });

  it('replays the lines a member missed when it resumes', async () => {
    const alice = await join(nodes.a, 'alice', 'missed');
    const bob = await join(nodes.a, 'bob', 'missed');
    await bob.client.close();
    await alice.client.next('presence', (m) => m.player === 'bob' && m.status === 'offline');
    alice.client.send({ type: 'chat', room: 'missed', text: 'while you were away', id: uid('w') });
    await alice.client.next('ack');

    const back = await nodes.open(nodes.b, 'bob');
    back.send({
      type: 'join',
      room: 'missed',
      since: { seq: bob.snapshot.seq, epoch: bob.snapshot.epoch ?? '' },
    });
    await expect(back.next('chat')).resolves.toMatchObject({ player: 'alice', text: 'while you were away' });
    await back.next('resumed');
  });
});
