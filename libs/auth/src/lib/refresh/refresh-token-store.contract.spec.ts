import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRefreshTokenStore } from './file-refresh-token.store';
import { InMemoryRefreshTokenStore } from './in-memory-refresh-token.store';
import { RedisRefreshTokenStore } from './redis-refresh-token.store';
import { MAX_SIGN_INS_PER_USER, type RefreshSession, type RefreshTokenStore } from './refresh-token-store';

const TTL = 60_000;
let serial = 0;
const signIn = (userId: string): RefreshSession => ({
  id: `s${++serial}`,
  user: { id: userId, name: userId, roles: ['admin'] },
  startedAt: 1_700_000_000_000,
});

/** One contract, every store: both must pass it, the Redis one against a real server and from two nodes. */
function refreshTokenStoreContract(
  name: string,
  setup: () => Promise<{ store: RefreshTokenStore; other: RefreshTokenStore }>,
) {
  describe(`${name} (RefreshTokenStore contract)`, () => {
    let store: RefreshTokenStore;
    let other: RefreshTokenStore;

    beforeEach(async () => ({ store, other } = await setup()));

    it('rotates the current token once, on any node, keeping the sign-in and its user', async () => {
      const session = signIn('alice');
      await store.start(session, 'a1', TTL);
      await expect(other.rotate('alice', 'a1', 'a2', TTL)).resolves.toEqual({ kind: 'rotated', session });
      await expect(store.rotate('alice', 'a2', 'a3', TTL)).resolves.toEqual({ kind: 'rotated', session });
    });

    it('treats a spent token as a replay: the whole sign-in ends, its newest token too', async () => {
      const session = signIn('bob');
      await store.start(session, 'b1', TTL);
      await store.rotate('bob', 'b1', 'b2', TTL);
      await expect(other.rotate('bob', 'b1', 'x1', TTL)).resolves.toEqual({ kind: 'reused', session });
      await expect(store.rotate('bob', 'b2', 'b3', TTL)).resolves.toEqual({ kind: 'unknown' });
      await expect(store.rotate('bob', 'x1', 'x2', TTL)).resolves.toEqual({ kind: 'unknown' });
    });

    it('gives one of many concurrent rotations of a token the new token; the others end the sign-in', async () => {
      await store.start(signIn('carol'), 'c1', TTL);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).rotate('carol', 'c1', `c2-${i}`, TTL)),
      );
      expect(outcomes.filter((outcome) => outcome.kind === 'rotated')).toHaveLength(1);
      const won = outcomes.findIndex((outcome) => outcome.kind === 'rotated');
      await expect(store.rotate('carol', `c2-${won}`, 'c3', TTL)).resolves.toEqual({ kind: 'unknown' });
    });

    it("keeps sign-ins apart: a replay in one leaves the user's others alone", async () => {
      await store.start(signIn('dave'), 'd1', TTL);
      await store.start(signIn('dave'), 'e1', TTL);
      await store.rotate('dave', 'd1', 'd2', TTL);
      await store.rotate('dave', 'd1', 'd9', TTL);
      await expect(store.rotate('dave', 'e1', 'e2', TTL)).resolves.toMatchObject({ kind: 'rotated' });
    });

    it('ends one sign-in by any of its tokens, and every sign-in of a user at once', async () => {
      await store.start(signIn('erin'), 'f1', TTL);
      await store.start(signIn('erin'), 'g1', TTL);
      await store.start(signIn('frank'), 'h1', TTL);
      await store.rotate('erin', 'f1', 'f2', TTL);
      await expect(other.end('erin', 'f1')).resolves.toBe(true);
      await expect(store.end('erin', 'f2')).resolves.toBe(false);
      await expect(store.rotate('erin', 'f2', 'f3', TTL)).resolves.toEqual({ kind: 'unknown' });
      await other.endAll('erin');
      await expect(store.rotate('erin', 'g1', 'g2', TTL)).resolves.toEqual({ kind: 'unknown' });
      await expect(store.rotate('frank', 'h1', 'h2', TTL)).resolves.toMatchObject({ kind: 'rotated' });
    });

    it('knows a token only under its own user', async () => {
      await store.start(signIn('gina'), 'i1', TTL);
      await expect(store.rotate('hank', 'i1', 'i2', TTL)).resolves.toEqual({ kind: 'unknown' });
      await expect(store.end('hank', 'i1')).resolves.toBe(false);
      await expect(store.rotate('gina', 'i1', 'i2', TTL)).resolves.toMatchObject({ kind: 'rotated' });
    });

    it('forgets a sign-in whose current token outlived its TTL', async () => {
      await store.start(signIn('ivan'), 'j1', 40);
      await new Promise((resolve) => setTimeout(resolve, 80));
      await expect(store.rotate('ivan', 'j1', 'j2', TTL)).resolves.toEqual({ kind: 'unknown' });
    });

    it("starts each rotated token's TTL afresh", async () => {
      await store.start(signIn('judy'), 'k1', 300);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await store.rotate('judy', 'k1', 'k2', 300);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(store.rotate('judy', 'k2', 'k3', TTL)).resolves.toMatchObject({ kind: 'rotated' });
    });

    it(`keeps at most ${MAX_SIGN_INS_PER_USER} sign-ins per user, ending the idlest`, async () => {
      for (let i = 0; i <= MAX_SIGN_INS_PER_USER; i++) await store.start(signIn('kate'), `l${i}`, TTL + i);
      await expect(store.rotate('kate', 'l0', 'm0', TTL)).resolves.toEqual({ kind: 'unknown' });
      await expect(store.rotate('kate', 'l1', 'm1', TTL)).resolves.toMatchObject({ kind: 'rotated' });
      await expect(store.rotate('kate', `l${MAX_SIGN_INS_PER_USER}`, 'm2', TTL)).resolves.toMatchObject({
        kind: 'rotated',
      });
    });
  });
}

refreshTokenStoreContract('InMemoryRefreshTokenStore', async () => {
  const store = new InMemoryRefreshTokenStore();
  return { store, other: store };
});

describe('FileRefreshTokenStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-refresh-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;

  refreshTokenStoreContract('FileRefreshTokenStore', async () => {
    const store = new FileRefreshTokenStore(join(dir, `store-${++files}.json`));
    return { store, other: store };
  });

  it('keeps its sign-ins, spent tokens included, for the next process on the same file (owner-only)', async () => {
    const path = join(dir, 'restart.json');
    const before = new FileRefreshTokenStore(path);
    const session = signIn('mia');
    await before.start(session, 'o1', TTL);
    await before.rotate('mia', 'o1', 'o2', TTL);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const after = new FileRefreshTokenStore(path);
    await expect(after.rotate('mia', 'o2', 'o3', TTL)).resolves.toEqual({ kind: 'rotated', session });
    await expect(new FileRefreshTokenStore(path).rotate('mia', 'o1', 'x', TTL)).resolves.toEqual({
      kind: 'reused',
      session,
    });
  });

  it('starts empty on a file that is not one of its own', async () => {
    const path = join(dir, 'garbage.json');
    writeFileSync(path, 'not json');
    await expect(new FileRefreshTokenStore(path).rotate('mia', 'o1', 'x', TTL)).resolves.toEqual({
      kind: 'unknown',
    });
  });
});

describe('InMemoryRefreshTokenStore', () => {
  it('sweeps expired tokens and their sign-ins, so memory follows live sign-ins only', async () => {
    let now = 0;
    const store = new InMemoryRefreshTokenStore(() => now);
    for (let i = 0; i < 100; i++) await store.start(signIn(`user-${i}`), `t${i}`, 1_000);
    now += 1_000;
    await store.start(signIn('fresh'), 'fresh', 1_000);
    expect(store.size).toBe(1);
  });
});

describeWithRedis('with a real Redis', (redis) => {
  refreshTokenStoreContract('RedisRefreshTokenStore, two nodes', async () => {
    const [nodeA, nodeB] = [await redis.client(), await redis.client()];
    await nodeA.flushall();
    return { store: new RedisRefreshTokenStore(nodeA), other: new RedisRefreshTokenStore(nodeB) };
  });

  it('keeps every key of a user in one cluster slot ({u:ID})', async () => {
    const node = await redis.client();
    await node.flushall();
    const store = new RedisRefreshTokenStore(node);
    await store.start(signIn('lee'), 'n1', TTL);
    await store.rotate('lee', 'n1', 'n2', TTL);
    const keys = await node.keys('pulse:refresh:*');
    expect(keys.length).toBe(3);
    // Redis Cluster hashes only what is between the first { and the next }.
    expect(new Set(keys.map((key) => key.slice(key.indexOf('{') + 1, key.indexOf('}'))))).toEqual(
      new Set(['u:lee']),
    );
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  refreshTokenStoreContract('RedisRefreshTokenStore over a cluster, two nodes', async () => {
    const [nodeA, nodeB] = [await redis.client(), await redis.client()];
    return { store: new RedisRefreshTokenStore(nodeA), other: new RedisRefreshTokenStore(nodeB) };
  });
});
