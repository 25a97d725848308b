/// <reference types="jest" />
import Redis, { Cluster } from 'ioredis';
import { startRedisCluster, type TestRedisCluster } from './redis-cluster';
import { startRedisServer, type TestRedisServer } from './redis-server';

export interface PrivateRedis {
  /** The block's own redis-server (available inside tests and factories, not while the block is declared). */
  readonly server: TestRedisServer;
  /** A new, connected client of the block's server; quit when the block ends. */
  client(): Promise<Redis>;
}

/**
 * A `describe` block with a private `redis-server` of its own: started before its tests, stopped by PID after
 * them, with every client made by `redis.client()` quit first. For store contract suites run against a real Redis.
 */
export function describeWithRedis(title: string, body: (redis: PrivateRedis) => void): void {
  describe(title, () => {
    let server: TestRedisServer | undefined;
    const clients: Redis[] = [];

    beforeAll(async () => {
      server = await startRedisServer();
    });

    afterAll(async () => {
      await Promise.all(clients.map((client) => client.quit().catch(() => undefined)));
      await server?.stop();
    });

    const redis: PrivateRedis = {
      get server(): TestRedisServer {
        if (!server)
          throw new Error(
            'the private redis-server is started in beforeAll: use it inside a test or a factory',
          );
        return server;
      },
      async client(): Promise<Redis> {
        const client = new Redis(redis.server.url);
        clients.push(client);
        await client.ping();
        return client;
      },
    };
    body(redis);
  });
}

export interface PrivateRedisCluster {
  /** The block's own 3-primary Redis Cluster (available inside tests and factories). */
  readonly cluster: TestRedisCluster;
  /** A new, connected cluster client (sharded subscribers on); disconnected when the block ends. */
  client(): Promise<Cluster>;
}

/** Like `describeWithRedis`, with a private 3-primary Redis Cluster: for the same contract suites over shards. */
export function describeWithRedisCluster(title: string, body: (redis: PrivateRedisCluster) => void): void {
  describe(title, () => {
    let cluster: TestRedisCluster | undefined;
    const clients: Cluster[] = [];

    beforeAll(async () => {
      cluster = await startRedisCluster();
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
      await cluster?.stop();
    });

    const redis: PrivateRedisCluster = {
      get cluster(): TestRedisCluster {
        if (!cluster)
          throw new Error(
            'the private Redis Cluster is started in beforeAll: use it inside a test or a factory',
          );
        return cluster;
      },
      async client(): Promise<Cluster> {
        const seeds = redis.cluster.nodes.map(({ port }) => ({ host: '127.0.0.1', port }));
        const client = new Cluster(seeds, { shardedSubscribers: true });
        clients.push(client);
        await client.ping();
        return client;
      },
    };
    body(redis);
  });
}
