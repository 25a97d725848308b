import { Cluster, Redis } from 'ioredis';
import { startRedisCluster, startRedisSentinel } from './redis-cluster';

jest.setTimeout(60_000);

describe('startRedisCluster', () => {
  it('starts three primaries that split the slots, and stops them by PID', async () => {
    const cluster = await startRedisCluster();
    const client = new Cluster(
      cluster.seedNodes.split(',').map((seed) => ({ host: '127.0.0.1', port: Number(seed.split(':')[1]) })),
    );
    try {
      await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => client.set(key, key)));
      await expect(client.get('e')).resolves.toBe('e');
      const primaries = await cluster.primaries();
      expect(primaries.sort()).toEqual(cluster.nodes.map((node) => node.port).sort());
      const owners = new Set(
        await Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((key) => cluster.primaryOf(key))),
      );
      expect(owners.size).toBeGreaterThan(1);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
    for (const node of cluster.nodes) expect(node.running).toBe(false);
  });
});

describe('startRedisSentinel', () => {
  it('fails over to the replica when the primary is killed', async () => {
    const sentinel = await startRedisSentinel();
    try {
      expect(await sentinel.currentPrimaryPort()).toBe(sentinel.primaryPort);
      await sentinel.killPrimary();
      const deadline = Date.now() + 30_000;
      while ((await sentinel.currentPrimaryPort()) !== sentinel.replicaPort && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await sentinel.currentPrimaryPort()).toBe(sentinel.replicaPort);
      const promoted = new Redis(sentinel.replicaPort, '127.0.0.1');
      await expect(promoted.set('k', 'v')).resolves.toBe('OK');
      promoted.disconnect();
    } finally {
      await sentinel.stop();
    }
  });
});
