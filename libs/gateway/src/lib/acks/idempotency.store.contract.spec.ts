import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import type { IdempotencyLimits, IdempotencyStore } from './idempotency.store';
import { InMemoryIdempotencyStore } from './in-memory-idempotency.store';
import { RedisIdempotencyStore } from './redis-idempotency.store';

const LIMITS: IdempotencyLimits = { windowMs: 60_000, maxKeysPerUser: 100, pendingLeaseMs: 30_000 };

let users = 0;
/** A user of its own per test, so the stores need no flushing between tests. */
const someone = () => `user-${++users}`;

/**
 * One contract, every store: what the dispatcher relies on to apply an id'd message at most once and to run a failed
 * one again. (Lease and window expiry are timed, and covered with a fake clock in the in-memory store's spec.)
 */
function idempotencyStoreContract(name: string, create: () => Promise<IdempotencyStore>) {
  describe(`${name} (IdempotencyStore contract)`, () => {
    let store: IdempotencyStore;

    beforeAll(async () => {
      store = await create();
    });

    it('claims a new id once; a second claim while it is applied is pending', async () => {
      const user = someone();
      await expect(store.claim(user, 'm1')).resolves.toEqual({ state: 'new' });
      await expect(store.claim(user, 'm1')).resolves.toEqual({ state: 'pending' });
    });

    it('answers a completed id with the seq it got, or with none', async () => {
      const user = someone();
      await store.claim(user, 'with-seq');
      await store.complete(user, 'with-seq', 42);
      await store.claim(user, 'no-seq');
      await store.complete(user, 'no-seq', undefined);
      await expect(store.claim(user, 'with-seq')).resolves.toEqual({ state: 'done', seq: 42 });
      const done = await store.claim(user, 'no-seq');
      expect(done.state).toBe('done');
      expect(done.state === 'done' ? done.seq : 'not done').toBeUndefined();
    });

    it('forgets a released id at once, so the retry of a failed message is new again', async () => {
      const user = someone();
      await store.claim(user, 'failed');
      await store.release(user, 'failed');
      await expect(store.claim(user, 'failed')).resolves.toEqual({ state: 'new' });
    });

    it('does not bring back a released id when completed late', async () => {
      const user = someone();
      await store.claim(user, 'late');
      await store.release(user, 'late');
      await store.complete(user, 'late', 7);
      await expect(store.claim(user, 'late')).resolves.toEqual({ state: 'new' });
    });

    it('keeps each user’s ids apart', async () => {
      const [alice, bob] = [someone(), someone()];
      await store.claim(alice, 'shared');
      await store.complete(alice, 'shared', 1);
      await expect(store.claim(bob, 'shared')).resolves.toEqual({ state: 'new' });
      await expect(store.claim(alice, 'shared')).resolves.toEqual({ state: 'done', seq: 1 });
    });

    it('gives exactly one of many concurrent claims of an id the right to apply it', async () => {
      const user = someone();
      const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim(user, 'race')));
      expect(claims.filter((claim) => claim.state === 'new')).toHaveLength(1);
      expect(claims.filter((claim) => claim.state === 'pending')).toHaveLength(9);
    });
  });
}

idempotencyStoreContract('InMemoryIdempotencyStore', async () => new InMemoryIdempotencyStore(LIMITS));

describeWithRedis('with a real Redis', (redis) => {
  idempotencyStoreContract(
    'RedisIdempotencyStore',
    async () => new RedisIdempotencyStore(await redis.client(), LIMITS),
  );
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  idempotencyStoreContract(
    'RedisIdempotencyStore over a cluster',
    async () => new RedisIdempotencyStore(await redis.client(), LIMITS),
  );
});
