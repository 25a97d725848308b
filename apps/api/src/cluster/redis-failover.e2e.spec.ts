import type { ServerMessage } from '@pulse/protocol';
import { startRedisCluster, type TestRedisCluster } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

const SECRET = 'redis-failover-test-secret-long-enough-12';
const ROOM = 'failover';
const SEQ_KEY = `pulse:{${ROOM}}:seq`;
jest.setTimeout(120_000);

/** Move `n`'s answer: acknowledged with its seq (in the room's shared log), or without (delivered locally only). */
interface Acknowledged {
  readonly n: number;
  readonly seq: number | undefined;
}

/** Move `n` names its own cell, so a replayed move tells which one it was. */
const cellOf = (n: number) => ({ x: n % 32, y: Math.floor(n / 32) % 24 });

/**
 * A primary of a 3-primary cluster with one replica each: an event is acknowledged with a seq only once the replica
 * has it (`WAIT`), and when the primary is killed mid-traffic the replica takes over, the nodes recover by
 * themselves, every move acknowledged with a seq is in the room's log afterwards, and `seq` never repeats or goes
 * back, for the sender or for a member on the other node.
 */
describe('Redis Cluster failover under traffic', () => {
  let cluster: TestRedisCluster;
  let nodes: TestApp[];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    // 2 s before a node counts as failed: a replica frozen for one WAIT timeout is still listed as a replica.
    cluster = await startRedisCluster({ replicasPerPrimary: 1, nodeTimeoutMs: 2000 });
    const env = {
      REDIS_CLUSTER_NODES: cluster.seedNodes,
      JWT_SECRET: SECRET,
      RATE_LIMIT_MESSAGES_PER_SECOND: '0',
    };
    nodes = [await startTestApp(env), await startTestApp(env)];
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(nodes.map((node) => node.close()));
    await cluster.stop();
  });

  async function open(node: TestApp, user: string, since?: { seq: number; epoch: string }) {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    client.send(since ? { type: 'join', room: ROOM, since } : { type: 'join', room: ROOM });
    const first = await Promise.race([client.next('snapshot'), client.next('resumed')]);
    return { client, first };
  }

  /**
   * Sends move `n` (id `id`) until it is acknowledged; a resend with the same id is applied once, and an error is
   * sent again. An answer is looked for in everything received, so a late ack of an earlier send counts too.
   */
  async function acknowledgedMove(sender: TestClient, n: number, id = `move-${n}`): Promise<Acknowledged> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const sentAt = sender.received.length;
      sender.send({ type: 'move', room: ROOM, ...cellOf(n), id });
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const ack = sender.received.find((m) => m.type === 'ack' && m.id === id);
        if (ack?.type === 'ack') return { n, seq: ack.seq };
        if (sender.received.slice(sentAt).some((m) => m.type === 'error' && m.id === id)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `move ${n} never acknowledged; last answers: ${JSON.stringify(sender.received.slice(-3))}`,
    );
  }

  /** Move `n`, under a fresh id each time, until one is acknowledged with a seq (the shared log serves again). */
  async function sequencedMove(sender: TestClient, n: number): Promise<Acknowledged> {
    for (let round = 0; round < 30; round++) {
      const acknowledged = await acknowledgedMove(sender, n, `move-${n}-${round}`);
      if (acknowledged.seq !== undefined) return acknowledged;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`move ${n} was never acknowledged with a seq: the nodes did not recover`);
  }

  /** Every seq a member was sent, per epoch, never repeats or goes back (a snapshot may restate the last one). */
  function expectSeqsOnlyGrow(received: readonly ServerMessage[]): void {
    const last = new Map<string, number>();
    let epoch = '';
    for (const message of received) {
      if (message.type === 'ack' || !('seq' in message) || typeof message.seq !== 'number') continue;
      const before = last.get(message.type === 'snapshot' ? (message.epoch ?? '') : epoch) ?? 0;
      if (message.type === 'snapshot' || message.type === 'resumed') {
        expect(message.seq).toBeGreaterThanOrEqual(before);
        if (message.type === 'snapshot') epoch = message.epoch ?? '';
      } else expect(message.seq).toBeGreaterThan(before);
      last.set(epoch, message.seq);
    }
  }

  it('acknowledges a move with a seq only once the replica of its primary has it', async () => {
    const { client: sender } = await open(nodes[0] as TestApp, 'carol');
    const replica = await cluster.replicaOf(await cluster.primaryOf(SEQ_KEY));
    expect((await acknowledgedMove(sender, 0, 'wait-0')).seq).toBeDefined();
    cluster.pause(replica);
    try {
      // Applied on the primary, but the replica never confirms it: not acknowledged as part of the log.
      expect((await acknowledgedMove(sender, 1, 'wait-1')).seq).toBeUndefined();
    } finally {
      cluster.resume(replica);
    }
    await cluster.waitHealthy();
    expect((await sequencedMove(sender, 2)).seq).toBeDefined();
  });

  it('recovers by itself, loses no acknowledged move, and never repeats a seq', async () => {
    const [a, b] = nodes as [TestApp, TestApp];
    const { client: observer } = await open(b, 'bob');
    const { client: sender, first } = await open(a, 'alice');
    const epoch = (first.type === 'snapshot' && first.epoch) || '';
    expect(epoch).not.toBe('');
    const acked: Acknowledged[] = [];
    for (let n = 0; n < 20; n++) acked.push(await acknowledgedMove(sender, n));
    expect(acked.every(({ seq }) => seq !== undefined)).toBe(true);

    const primary = await cluster.primaryOf(SEQ_KEY);
    await cluster.kill(primary);
    for (let n = 20; n < 50; n++) acked.push(await acknowledgedMove(sender, n));
    await cluster.waitHealthy();
    expect(await cluster.primaryOf(SEQ_KEY)).not.toBe(primary);
    for (let n = 50; n < 60; n++) acked.push(await sequencedMove(sender, n));

    const sequenced = acked.filter((move): move is { n: number; seq: number } => move.seq !== undefined);
    for (let i = 1; i < sequenced.length; i++)
      expect(sequenced[i]?.seq).toBeGreaterThan(sequenced[i - 1]?.seq ?? 0);

    // Every move acknowledged with a seq is in the log the promoted replica serves, at that seq.
    const since = { seq: (sequenced[0]?.seq ?? 1) - 1, epoch };
    const { client: reader, first: answer } = await open(b, 'dave', since);
    expect(answer.type).toBe('resumed');
    const replayed = new Map<number, ServerMessage>();
    for (const message of reader.received)
      if (message.type === 'move' && message.player === 'alice') replayed.set(message.seq, message);
    for (const { n, seq } of sequenced)
      expect(replayed.get(seq)).toMatchObject({ type: 'move', player: 'alice', ...cellOf(n) });

    expectSeqsOnlyGrow(sender.received);
    expectSeqsOnlyGrow(observer.received);
    expect((await fetch(`${a.httpUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${b.httpUrl}/readyz`)).status).toBe(200);
  });
});
