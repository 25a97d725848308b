import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { InMemoryTicketStore } from './in-memory-ticket.store';
import { RedisTicketStore } from './redis-ticket.store';
import type { TicketStore } from './ticket-store';

const alice = { user: { id: 'alice', name: 'Alice', roles: ['admin'] }, origin: 'https://app.example' };

/** One contract, every store: both must pass it, the Redis one against a real server. */
function ticketStoreContract(name: string, setup: () => Promise<{ store: TicketStore; other: TicketStore }>) {
  describe(`${name} (TicketStore contract)`, () => {
    let store: TicketStore;
    let other: TicketStore;

    beforeEach(async () => ({ store, other } = await setup()));

    it('redeems a ticket exactly once, with its grant intact', async () => {
      await store.save('k1', alice, 30_000);
      await expect(store.redeem('k1')).resolves.toEqual(alice);
      await expect(store.redeem('k1')).resolves.toBeNull();
    });

    it('gives a ticket to exactly one of many concurrent redeems', async () => {
      await store.save('k2', alice, 30_000);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).redeem('k2')),
      );
      expect(results.filter((grant) => grant !== null)).toHaveLength(1);
    });

    it('forgets a ticket after its TTL', async () => {
      await store.save('k3', alice, 40);
      await new Promise((resolve) => setTimeout(resolve, 60));
      await expect(store.redeem('k3')).resolves.toBeNull();
    });

    it('keeps each ticket for its own TTL (socket and resume tickets live for different times)', async () => {
      await store.save('long', alice, 30_000);
      await store.save('short', alice, 40);
      await new Promise((resolve) => setTimeout(resolve, 60));
      await expect(other.redeem('short')).resolves.toBeNull();
      await expect(other.redeem('long')).resolves.toEqual(alice);
    });

    it('knows nothing of unknown keys', async () => {
      await expect(store.redeem('never-issued')).resolves.toBeNull();
    });
  });
}

ticketStoreContract('InMemoryTicketStore', async () => {
  const store = new InMemoryTicketStore();
  return { store, other: store };
});

describeWithRedis('with a real Redis', (redis) => {
  ticketStoreContract('RedisTicketStore, two nodes', async () => {
    const [nodeA, nodeB] = [await redis.client(), await redis.client()];
    return { store: new RedisTicketStore(nodeA), other: new RedisTicketStore(nodeB) };
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  ticketStoreContract('RedisTicketStore over a cluster, two nodes', async () => {
    const [nodeA, nodeB] = [await redis.client(), await redis.client()];
    return { store: new RedisTicketStore(nodeA), other: new RedisTicketStore(nodeB) };
  });
});
