import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { InMemoryRevocationStore } from './in-memory-revocation.store';
import { RedisRevocationStore, revocationKey } from './redis-revocation.store';
import type { RevocationStore } from './revocation-store';

/** One contract, every store: both must pass it, the Redis one against a real server. */
function revocationStoreContract(
  name: string,
  setup: () => Promise<{ store: RevocationStore; other: RevocationStore }>,
) {
  describe(`${name} (RevocationStore contract)`, () => {
    let store: RevocationStore;
    let other: RevocationStore;

    beforeEach(async () => ({ store, other } = await setup()));

    it('knows nothing of a user never revoked', async () => {
      await expect(store.revokedAt(`never-${Math.random()}`)).resolves.toBeNull();
    });

    it('remembers a revocation, seen from every node', async () => {
      await store.revoke('alice', 1_700_000_000_000, 60_000);
      await expect(store.revokedAt('alice')).resolves.toBe(1_700_000_000_000);
      await expect(other.revokedAt('alice')).resolves.toBe(1_700_000_000_000);
    });

    it('keeps the later of two revocation times', async () => {
      await store.revoke('bob', 2_000, 60_000);
      await other.revoke('bob', 1_000, 60_000);
      await expect(store.revokedAt('bob')).resolves.toBe(2_000);
      await store.revoke('bob', 3_000, 60_000);
      await expect(other.revokedAt('bob')).resolves.toBe(3_000);
    });

    it('forgets a revocation after its TTL', async () => {
      await store.revoke('carol', 5_000, 40);
      await new Promise((resolve) => setTimeout(resolve, 60));
      await expect(store.revokedAt('carol')).resolves.toBeNull();
    });
  });
}

revocationStoreContract('InMemoryRevocationStore', async () => {
  const store = new InMemoryRevocationStore();
  return { store, other: store };
});

describe('InMemoryRevocationStore', () => {
  it('sweeps expired records, so memory follows live revocations only', async () => {
    let now = 0;
    const store = new InMemoryRevocationStore(() => now);
    for (let i = 0; i < 100; i++) await store.revoke(`user-${i}`, now, 1_000);
    now += 1_000;
    await store.revoke('fresh', now, 1_000);
    expect(store.size).toBe(1);
  });
});

describeWithRedis('with a real Redis', (redis) => {
  revocationStoreContract('RedisRevocationStore, two nodes', async () => {
    const [nodeA, nodeB] = [await redis.client(), await redis.client()];
    await nodeA.flushall();
    return { store: new RedisRevocationStore(nodeA), other: new RedisRevocationStore(nodeB) };
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  revocationStoreContract('RedisRevocationStore over a cluster, two nodes', async () => {
    const [nodeA, nodeB] = [await redis.client(), await redis.client()];
    await Promise.all(nodeA.nodes('master').map((primary) => primary.flushall()));
    return { store: new RedisRevocationStore(nodeA), other: new RedisRevocationStore(nodeB) };
  });

  it("keeps each user's revocation in the user's own slot", () => {
    expect(revocationKey('alice')).toBe('pulse:revoked:{u:alice}');
  });
});
