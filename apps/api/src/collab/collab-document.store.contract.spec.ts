import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import * as Y from 'yjs';
import { waitFor } from '../testing/wait-for';
import type { CollabDocumentStore, CollabRetention } from './collab-document.store';
import { InMemoryCollabDocumentStore } from './in-memory-collab-document.store';
import { RedisCollabDocumentStore } from './redis-collab-document.store';

/** The updates of `edits` typed one after the other into a fresh document's `notes` text, one update each. */
function typedUpdates(edits: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const edit of edits) doc.getText('notes').insert(doc.getText('notes').length, edit);
  return updates;
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('notes').toString();
}

/** One contract for both document stores; the Redis one against a real server. */
function collabDocumentStoreContract(name: string, setup: () => Promise<CollabDocumentStore>) {
  describe(`${name} (CollabDocumentStore contract)`, () => {
    let store: CollabDocumentStore;
    beforeEach(async () => (store = await setup()));

    it('loads nothing for a new document, and every appended update afterwards', async () => {
      expect(await store.load('new')).toEqual([]);
      const updates = typedUpdates(['a', 'b', 'c']);
      for (const [index, update] of updates.entries())
        await expect(store.append('new', update)).resolves.toBe(index + 1);
      expect(textOf(await store.load('new'))).toBe('abc');
      expect(await store.load('other')).toEqual([]);
    });

    it('compacts the tail into one snapshot without changing the document', async () => {
      for (const update of typedUpdates(['one ', 'two ', 'three'])) await store.append('c', update);
      await expect(store.compact('c')).resolves.toBe(true);
      const loaded = await store.load('c');
      expect(loaded).toHaveLength(1);
      expect(textOf(loaded)).toBe('one two three');
      await expect(store.compact('c')).resolves.toBe(false);
    });

    it('keeps updates appended while a compaction runs, and loses nothing to compactions that race', async () => {
      const updates = typedUpdates(Array.from({ length: 40 }, (_, i) => `${i},`));
      for (const update of updates.slice(0, 20)) await store.append('race', update);
      await Promise.all([
        store.compact('race'),
        store.compact('race'),
        ...updates.slice(20).map((update) => store.append('race', update)),
        store.compact('race'),
      ]);
      expect(textOf(await store.load('race'))).toBe(Array.from({ length: 40 }, (_, i) => `${i},`).join(''));
    });
  });
}

const IDLE_EXPIRY_MS = 300;

/** Retention: without an expiry nothing goes; with one, a document goes once idle that long, unless retained. */
function collabRetentionContract(
  name: string,
  setup: (retention: CollabRetention) => Promise<CollabDocumentStore>,
) {
  describe(`${name} (retention)`, () => {
    it('keeps documents for ever without an idle expiry, retained or not', async () => {
      const store = await setup({});
      for (const update of typedUpdates(['kept'])) await store.append('kept', update);
      await store.retain('kept');
      await store.retain('never-stored');
      // A document with an expiry, in a store of its own, going proves the time passed.
      const expiring = await setup({ idleExpiryMs: IDLE_EXPIRY_MS });
      for (const update of typedUpdates(['gone'])) await expiring.append('gone-marker', update);
      await waitFor(async () => (await expiring.load('gone-marker')).length === 0, 'the marker to expire');
      expect(textOf(await store.load('kept'))).toBe('kept');
      expect(await store.load('never-stored')).toEqual([]);
    });

    it('removes a document idle for the expiry, compacted or not, and keeps one that is retained meanwhile', async () => {
      const store = await setup({ idleExpiryMs: IDLE_EXPIRY_MS });
      for (const update of typedUpdates(['idle ', 'doc'])) await store.append('idle', update);
      for (const update of typedUpdates(['compacted ', 'doc'])) await store.append('compacted', update);
      await expect(store.compact('compacted')).resolves.toBe(true);
      for (const update of typedUpdates(['in ', 'use'])) await store.append('in-use', update);
      const started = performance.now();
      const retaining = setInterval(() => void store.retain('in-use'), IDLE_EXPIRY_MS / 5);
      try {
        await waitFor(
          async () => (await store.load('idle')).length === 0 && (await store.load('compacted')).length === 0,
          'idle documents to expire',
        );
        // Redis counts expiry in milliseconds from the last write; allow it the rounding.
        expect(performance.now() - started).toBeGreaterThanOrEqual(IDLE_EXPIRY_MS - 20);
        // A marker appended now going proves another whole expiry passed, all the while 'in-use' was retained.
        for (const update of typedUpdates(['marker'])) await store.append('marker', update);
        await waitFor(async () => (await store.load('marker')).length === 0, 'the marker to expire');
        expect(textOf(await store.load('in-use'))).toBe('in use');
      } finally {
        clearInterval(retaining);
      }
      // Appending to an expired document starts it afresh.
      for (const update of typedUpdates(['new'])) await store.append('idle', update);
      expect(textOf(await store.load('idle'))).toBe('new');
    });
  });
}

const memoryStores: InMemoryCollabDocumentStore[] = [];
afterAll(() => memoryStores.forEach((store) => store.onModuleDestroy()));

collabDocumentStoreContract('InMemoryCollabDocumentStore', async () => new InMemoryCollabDocumentStore());
collabRetentionContract('InMemoryCollabDocumentStore', async (retention) => {
  const store = new InMemoryCollabDocumentStore(retention);
  memoryStores.push(store);
  return store;
});

describeWithRedis('with a real Redis', (redis) => {
  collabDocumentStoreContract('RedisCollabDocumentStore', async () => {
    const client = await redis.client();
    await client.flushall();
    return new RedisCollabDocumentStore(client);
  });
  collabRetentionContract(
    'RedisCollabDocumentStore',
    async (retention) => new RedisCollabDocumentStore(await redis.client(), retention),
  );
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  collabDocumentStoreContract('RedisCollabDocumentStore over a cluster', async () => {
    const client = await redis.client();
    await Promise.all(client.nodes('master').map((primary) => primary.flushall()));
    return new RedisCollabDocumentStore(client);
  });
});
