import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { ConnectionRegistry } from '../connection/connection-registry';
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

  async function node(): Promise<{ liveness: NodeLiveness; clients: RedisClients }> {
    const own = new RedisClients({ kind: 'primary', url: redis.url });
    await own.connect();
    clients.push(own);
    const liveness = new NodeLiveness(own, new ConnectionRegistry());
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
});
