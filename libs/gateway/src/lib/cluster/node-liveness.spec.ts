import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { CloseCode } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { RedisClients } from '../redis/redis-clients';
import { NODE_RECORD_TTL_MS, NodeLiveness } from './node-liveness';

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('NodeLiveness against a private redis-server', () => {
  jest.setTimeout(30_000);
  let redis: TestRedisServer;
  const clients: RedisClients[] = [];
  const nodes: NodeLiveness[] = [];

  async function node(
    registry = new ConnectionRegistry(),
  ): Promise<{ liveness: NodeLiveness; clients: RedisClients }> {
    const own = new RedisClients({ kind: 'primary', url: redis.url });
    await own.connect();
    clients.push(own);
    const liveness = new NodeLiveness(own, registry);
    nodes.push(liveness);
    return { liveness, clients: own };
  }

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((liveness) => liveness.onApplicationShutdown()));
    await Promise.all(clients.splice(0).map((own) => own.close()));
  });

  afterAll(async () => {
    await redis.stop();
  });

  it('lists the nodes that beat, and runs a cleanup once on a survivor when a node stops beating', async () => {
    const [survivor, crashing] = [await node(), await node()];
    const gone: string[] = [];
    survivor.liveness.onNodeGone((id) => {
      if (id === crashing.liveness.nodeId) gone.push(id);
    });
    survivor.liveness.onApplicationBootstrap();
    crashing.liveness.onApplicationBootstrap();
    await until(() => survivor.liveness.clusterSize === 2, 'both nodes alive');
    expect((await survivor.liveness.nodes()).map((n) => n.id).sort()).toEqual(
      [survivor.liveness.nodeId, crashing.liveness.nodeId].sort(),
    );

    // A crash: the node's connection ends without its shutdown hook, so its record is not renewed and lapses.
    crashing.clients.command.disconnect();
    await until(() => gone.length > 0, 'the cleanup of the crashed node');
    await new Promise((resolve) => setTimeout(resolve, NODE_RECORD_TTL_MS));
    expect(gone).toHaveLength(1);
  });

  it('runs a cleanup that failed again next round, until it succeeds', async () => {
    const [survivor, crashing] = [await node(), await node()];
    let attempts = 0;
    let done = false;
    survivor.liveness.onNodeGone((id) => {
      if (id !== crashing.liveness.nodeId) return;
      attempts++;
      if (attempts < 3) throw new Error('CLUSTERDOWN The cluster is down');
      done = true;
    });
    survivor.liveness.onApplicationBootstrap();
    crashing.liveness.onApplicationBootstrap();
    await until(() => survivor.liveness.clusterSize === 2, 'both nodes alive');

    crashing.clients.command.disconnect();
    await until(() => done, 'a cleanup that succeeds on its third round');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(attempts).toBe(3);
  });

  it('keeps its own record alive while a cleanup of a dead node takes longer than the record lives', async () => {
    const [slow, observer, crashing] = [await node(), await node(), await node()];
    let cleaning = false;
    slow.liveness.onNodeGone(async (id) => {
      if (id !== crashing.liveness.nodeId) return;
      cleaning = true;
      await new Promise((resolve) => setTimeout(resolve, 2 * NODE_RECORD_TTL_MS));
    });
    const presumedDead: string[] = [];
    observer.liveness.onNodeGone((id) => void presumedDead.push(id));
    for (const each of [slow, observer, crashing]) each.liveness.onApplicationBootstrap();
    await until(() => observer.liveness.clusterSize === 3, 'three nodes alive');

    crashing.clients.command.disconnect();
    await until(() => cleaning, "the slow survivor's cleanup to start");
    await new Promise((resolve) => setTimeout(resolve, NODE_RECORD_TTL_MS + 1_000));
    expect(presumedDead).not.toContain(slow.liveness.nodeId);
    expect(presumedDead).toContain(crashing.liveness.nodeId);
  });

  it('closes its connections with 1012 when it comes back from a stall and finds that the survivors presumed it dead', async () => {
    const closes: Array<{ code: number; reason: string }> = [];
    const registry = new ConnectionRegistry();
    registry.add({
      id: 'c1',
      user: { id: 'bob', name: 'bob', roles: [] },
      transport: 'ws',
      rooms: new Set(['crash']),
      close: (code: number, reason: string) => closes.push({ code, reason }),
    } as unknown as RealtimeConnection);
    const [survivor, stalled] = [await node(), await node(registry)];
    let cleaned = false;
    survivor.liveness.onNodeGone((id) => {
      if (id === stalled.liveness.nodeId) cleaned = true;
    });
    survivor.liveness.onApplicationBootstrap();
    stalled.liveness.onApplicationBootstrap();
    await until(() => survivor.liveness.clusterSize === 2, 'both nodes alive');

    stalled.clients.command.disconnect();
    await until(() => cleaned, "the survivor's cleanup of the stalled node");
    expect(closes).toEqual([]);
    await stalled.clients.command.connect();
    await until(() => closes.length > 0, 'the stalled node to close its connections');
    expect(closes).toEqual([
      { code: CloseCode.SERVICE_RESTART, reason: expect.stringMatching(/^retry-after-ms=\d+$/) },
    ]);
  });

  it('closes nothing after a Redis outage that no survivor could clean up after', async () => {
    const closes: number[] = [];
    const registry = new ConnectionRegistry();
    registry.add({
      id: 'c1',
      user: { id: 'bob', name: 'bob', roles: [] },
      transport: 'ws',
      rooms: new Set(['outage']),
      close: (code: number) => closes.push(code),
    } as unknown as RealtimeConnection);
    const alone = await node(registry);
    alone.liveness.onApplicationBootstrap();
    await until(() => alone.liveness.clusterSize === 1, 'the node alive');
    alone.clients.command.disconnect();
    await new Promise((resolve) => setTimeout(resolve, NODE_RECORD_TTL_MS + 500));
    await alone.clients.command.connect();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(closes).toEqual([]);
  });
});
