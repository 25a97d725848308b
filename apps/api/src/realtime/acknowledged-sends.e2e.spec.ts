import { useNodePair } from '../testing/node-pair';
import type { TestApp } from '../testing/test-app';

describe.each([
  ['on one node, in memory', false],
  ['across nodes, over Redis', true],
])('acknowledged sends %s', (_name, overRedis) => {
  const nodes = useNodePair(overRedis, { JWT_SECRET: 'acks-test-secret-long-enough-12345' });
  const member = async (node: TestApp, user: string, room: string) =>
    (await nodes.join(node, user, room)).client;

  it('acks a move with the seq it got, and applies a resend with the same id once, even after a reconnect', async () => {
    const room = `acks-${overRedis ? 'redis' : 'memory'}`;
    const watcher = await member(nodes.a, 'bob', room);
    const alice = await member(nodes.a, 'alice', room);
    alice.send({ type: 'move', room, x: 5, y: 5, id: 'move-1' });
    const ack = await alice.next('ack');
    const seen = await watcher.next('move');
    expect(ack).toEqual({ type: 'ack', id: 'move-1', seq: seen.seq });

    alice.send({ type: 'move', room, x: 5, y: 5, id: 'move-1' });
    await expect(alice.next('ack')).resolves.toEqual(ack);
    await alice.close();

    const again = await member(nodes.b, 'alice', room);
    again.send({ type: 'move', room, x: 5, y: 5, id: 'move-1' });
    await expect(again.next('ack')).resolves.toEqual(ack);
    again.send({ type: 'move', room, x: 6, y: 6, id: 'move-2' });
    const second2 = await again.next('ack');
    const moves = [];
    for (;;) {
      const move = await watcher.next('move');
      moves.push(move);
      if (move.seq === second2.seq) break;
    }
    expect(moves.map((m) => [m.x, m.y])).toEqual([[6, 6]]);
  });

  it('keeps the order of the messages of one connection when some carry an id', async () => {
    const room = `order-${overRedis ? 'redis' : 'memory'}`;
    const watcher = await member(nodes.a, 'carol', room);
    const sender = await member(nodes.a, 'dave', room);
    for (let i = 0; i < 30; i++)
      sender.send(
        i % 3 === 0 ? { type: 'move', room, x: i, y: 0, id: `o-${i}` } : { type: 'move', room, x: i, y: 0 },
      );
    const xs = [];
    for (let i = 0; i < 30; i++) xs.push((await watcher.next('move')).x);
    expect(xs).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
