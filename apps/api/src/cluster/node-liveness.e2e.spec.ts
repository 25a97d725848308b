import { NODE_BEAT_INTERVAL_MS, NODE_RECORD_TTL_MS } from '@pulse/gateway';
import { PulsePaths } from '@pulse/protocol';
import { startRedisCluster, type TestRedisCluster } from '@pulse/testing';
import { EnvSchema } from '../config/env.schema';
import { startNode, type NodeProcess } from '../testing/cluster-processes';
import { devLogin, ticketsThrough } from '../testing/resuming-client';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

/**
 * Node liveness and presence grace with real processes: two built nodes over a private 3-primary Redis Cluster,
 * at the default heartbeat (30 s) and presence TTL (65 s), so only the node liveness records can be that fast.
 */
const SECRET = 'node-liveness-test-secret-long-enough-for-hs256';
const DEFAULT_PRESENCE_GRACE_MS = EnvSchema.properties.PRESENCE_GRACE_MS.default as number;
jest.setTimeout(60_000);

describe('node liveness and presence grace over a Redis Cluster (real processes)', () => {
  let cluster: TestRedisCluster;
  const nodes: NodeProcess[] = [];
  const clients: TestClient[] = [];

  async function start(): Promise<NodeProcess> {
    const node = await startNode({ REDIS_CLUSTER_NODES: cluster.seedNodes, JWT_SECRET: SECRET });
    nodes.push(node);
    return node;
  }

  async function member(node: NodeProcess, user: string, room: string): Promise<TestClient> {
    const ticket = await ticketsThrough(node.httpUrl, await devLogin(node.httpUrl, user))();
    const client = await TestClient.open(`ws://${node.address}${PulsePaths.websocket}?ticket=${ticket}`);
    clients.push(client);
    client.send({ type: 'join', room });
    await client.next('snapshot');
    return client;
  }

  beforeAll(async () => {
    cluster = await startRedisCluster();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(nodes.splice(0).map((node) => node.stop()));
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it("takes a crashed node's players offline for everyone within 10 s at the default heartbeat", async () => {
    const [a, b] = [await start(), await start()];
    const alice = await member(a, 'alice', 'crash');
    await member(b, 'bob', 'crash');
    await alice.next('presence', (p) => p.player === 'bob' && p.status === 'online');
    await b.kill();
    const bobOffline = () =>
      alice.received.some((m) => m.type === 'presence' && m.player === 'bob' && m.status === 'offline');
    // The 10 s is a design bound: a record lapses NODE_RECORD_TTL_MS after the last beat and every survivor looks at
    // the records each NODE_BEAT_INTERVAL_MS. The wait itself is generous, so a loaded machine cannot fail it.
    expect(NODE_RECORD_TTL_MS + 2 * NODE_BEAT_INTERVAL_MS).toBeLessThanOrEqual(5_000);
    await waitFor(async () => bobOffline(), "bob's offline presence after the crash", 30_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the survivor logged:\n${a.output().slice(-4000)}`);
      },
    );
  });

  it('never shows a player offline who moves to another node within the grace when theirs drains, and shows a real leave at once', async () => {
    const [a, b] = [await start(), await start()];
    const alice = await member(a, 'alice', 'roll');
    const bob = await member(b, 'bob', 'roll');
    const seen = bob.received.find((m) => m.type === 'snapshot');
    expect(seen?.type === 'snapshot' && seen.players.find((p) => p.id === 'alice')).toMatchObject({
      online: true,
    });
    const stopped = a.stop();
    expect((await alice.closed).code).toBe(1012);
    const back = await member(b, 'alice', 'roll');
    await stopped;
    // A's deferred leave has run by the time it exited: alice is still online, and bob never saw her go.
    const snapshot = await (async () => {
      back.send({ type: 'join', room: 'roll' });
      return back.next('snapshot');
    })();
    expect(snapshot.players.find((p) => p.id === 'alice')).toMatchObject({ online: true });
    expect(
      bob.received.filter((m) => m.type === 'presence' && m.player === 'alice' && m.status === 'offline'),
    ).toEqual([]);

    back.send({ type: 'leave', room: 'roll' });
    const leftAt = Date.now();
    await bob.next('presence', (p) => p.player === 'alice' && p.status === 'offline');
    // A deferred leave could not be seen before the grace (5 s, PRESENCE_GRACE_MS' default) has run from the leave.
    expect(Date.now() - leftAt).toBeLessThan(DEFAULT_PRESENCE_GRACE_MS);
  });
});
