import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { Redis } from 'ioredis';
import { InMemoryLeaseBoard, InMemoryTickerLease } from './in-memory-ticker.lease';
import { RedisTickerLease, TICKER_LEASE_KEY } from './redis-ticker.lease';
import type { TickerLease } from './ticker.lease';

interface Harness {
  /** A contender for the one lease (as one node would be). */
  contender(token: string): TickerLease;
  /** Makes the current lease run out, as if its holder had stopped renewing it for its whole lifetime. */
  expire(): Promise<void>;
}

/** One contract for both leases: the Redis one against a real server. */
function tickerLeaseContract(name: string, setup: () => Promise<Harness>) {
  describe(`${name} (TickerLease contract)`, () => {
    let harness: Harness;
    beforeEach(async () => (harness = await setup()));

    it('goes to one contender, who keeps it by renewing', async () => {
      const [a, b] = [harness.contender('a'), harness.contender('b')];
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
    });

    it('passes to another contender at once when released', async () => {
      const [a, b] = [harness.contender('a'), harness.contender('b')];
      await a.acquire();
      await b.release();
      expect(await b.acquire()).toBe(false);
      await a.release();
      expect(await b.acquire()).toBe(true);
      expect(await a.acquire()).toBe(false);
    });

    it('passes to another contender once it runs out', async () => {
      const [a, b] = [harness.contender('a'), harness.contender('b')];
      await a.acquire();
      await harness.expire();
      expect(await b.acquire()).toBe(true);
      expect(await a.acquire()).toBe(false);
    });
  });
}

tickerLeaseContract('InMemoryTickerLease', async () => {
  let now = 1_000;
  const board = new InMemoryLeaseBoard(() => now);
  return {
    contender: (token) => new InMemoryTickerLease(board, token, 5_000),
    expire: async () => {
      now += 5_000;
    },
  };
});

describeWithRedis('with a real Redis', (privateRedis) => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await privateRedis.client();
  });

  tickerLeaseContract('RedisTickerLease', async () => {
    await redis.flushall();
    return {
      contender: (token) => new RedisTickerLease(redis, token, 5_000),
      expire: async () => {
        await redis.del(TICKER_LEASE_KEY);
      },
    };
  });

  it('sets the lease with its lifetime, and renewing restores it', async () => {
    await redis.flushall();
    const lease = new RedisTickerLease(redis, 'a', 5_000);
    await lease.acquire();
    await redis.pexpire(TICKER_LEASE_KEY, 1_000);
    await lease.acquire();
    expect(await redis.pttl(TICKER_LEASE_KEY)).toBeGreaterThan(4_000);
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  tickerLeaseContract('RedisTickerLease over a cluster', async () => {
    const client = await redis.client();
    await client.del(TICKER_LEASE_KEY);
    return {
      contender: (token) => new RedisTickerLease(client, token, 5_000),
      expire: async () => {
        await client.del(TICKER_LEASE_KEY);
      },
    };
  });
});
