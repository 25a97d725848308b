/// <reference types="jest" />
import Redis from 'ioredis';
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
        if (!server) throw new Error('the private redis-server is started in beforeAll: use it inside a test or a factory');
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
