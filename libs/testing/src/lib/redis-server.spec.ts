import { Redis } from 'ioredis';
import { startRedisServer } from './redis-server';

describe('startRedisServer', () => {
  it('starts a private server, restarts it empty on the same port, and stops it by its PID', async () => {
    const server = await startRedisServer();
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      await redis.set('k', 'v');
      const firstPid = server.pid;
      await server.restart();
      expect(server.pid).not.toBe(firstPid);
      redis.disconnect();
      await redis.connect();
      await expect(redis.get('k')).resolves.toBeNull();
    } finally {
      await redis.quit().catch(() => redis.disconnect());
      await server.stop();
    }
    expect(() => process.kill(server.pid, 0)).toThrow();
  });

  it('started persistent, restarts with its data when asked to, and empty otherwise', async () => {
    const server = await startRedisServer({ persistent: true });
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      await redis.set('k', 'v');
      await server.restart({ keepData: true });
      redis.disconnect();
      await redis.connect();
      await expect(redis.get('k')).resolves.toBe('v');
      await server.restart();
      redis.disconnect();
      await redis.connect();
      await expect(redis.get('k')).resolves.toBeNull();
    } finally {
      await redis.quit().catch(() => redis.disconnect());
      await server.stop();
    }
  });
});
