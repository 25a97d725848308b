import type { RedisClient } from '@pulse/gateway';
import type { ChainableCommander } from 'ioredis';
import * as Y from 'yjs';
import type { CollabDocumentStore, CollabRetention } from './collab-document.store';

/** The document's keys, under one hash tag so that a cluster keeps them in one slot. */
export function collabKeys(document: string): { snapshot: string; tail: string; generation: string } {
  const base = `pulse:collab:{${document}}`;
  return { snapshot: `${base}:snapshot`, tail: `${base}:tail`, generation: `${base}:generation` };
}

/**
 * KEYS: snapshot, tail, generation. ARGV: the generation the compaction read, the merged snapshot, how many tail
 * updates it merged, the idle expiry in ms (0 for none). Writes the snapshot and drops those updates only if no other
 * compaction ran meanwhile; updates appended since the read stay in the tail. `SET` drops a key's expiry, so with an
 * idle expiry every key gets it again.
 */
/** Sent with EVAL (the snapshot is binary, and compactions are rare). */
const REPLACE_SNAPSHOT = `
if (redis.call('GET', KEYS[3]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('LTRIM', KEYS[2], tonumber(ARGV[3]), -1)
redis.call('INCR', KEYS[3])
local expiry = tonumber(ARGV[4])
if expiry > 0 then
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], expiry) end
end
return 1
`;

/**
 * Documents in Redis: `RPUSH` to the tail, compacted into the snapshot by whichever node gets there. With an idle
 * expiry, every append and retain sets it on the document's three keys (`PEXPIRE`), so Redis removes a document
 * that no node appended to or retained for that long, also when the nodes that had it died.
 */
export class RedisCollabDocumentStore implements CollabDocumentStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly retention: CollabRetention = {},
  ) {}

  async load(document: string): Promise<Uint8Array[]> {
    const { snapshot, tail } = await this.read(document);
    return snapshot ? [snapshot, ...tail] : tail;
  }

  async append(document: string, update: Uint8Array): Promise<number> {
    const keys = collabKeys(document);
    const payload = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    const { idleExpiryMs } = this.retention;
    if (idleExpiryMs === undefined) return this.redis.rpush(keys.tail, payload);
    const results = await this.expire(
      this.redis.multi().rpush(keys.tail, payload),
      keys,
      idleExpiryMs,
    ).exec();
    return resultsOf(results)[0] as number;
  }

  async retain(document: string): Promise<void> {
    const { idleExpiryMs } = this.retention;
    if (idleExpiryMs === undefined) return;
    resultsOf(await this.expire(this.redis.multi(), collabKeys(document), idleExpiryMs).exec());
  }

  async compact(document: string): Promise<boolean> {
    const { snapshot, tail, generation } = await this.read(document);
    if (tail.length === 0) return false;
    const merged = Y.mergeUpdates(snapshot ? [snapshot, ...tail] : tail);
    const keys = collabKeys(document);
    const replaced = await this.redis.eval(
      REPLACE_SNAPSHOT,
      3,
      keys.snapshot,
      keys.tail,
      keys.generation,
      generation,
      Buffer.from(merged),
      tail.length,
      this.retention.idleExpiryMs ?? 0,
    );
    return replaced === 1;
  }

  private async read(
    document: string,
  ): Promise<{ snapshot: Uint8Array | null; tail: Uint8Array[]; generation: string }> {
    const keys = collabKeys(document);
    const results = await this.redis
      .multi()
      .getBuffer(keys.snapshot)
      .lrangeBuffer(keys.tail, 0, -1)
      .get(keys.generation)
      .exec();
    const [snapshot, tail, generation] = resultsOf(results) as [Buffer | null, Buffer[], string | null];
    return {
      snapshot: snapshot && snapshot.length > 0 ? snapshot : null,
      tail,
      generation: generation ?? '0',
    };
  }

  private expire(
    multi: ChainableCommander,
    keys: ReturnType<typeof collabKeys>,
    idleExpiryMs: number,
  ): ChainableCommander {
    return multi
      .pexpire(keys.snapshot, idleExpiryMs)
      .pexpire(keys.tail, idleExpiryMs)
      .pexpire(keys.generation, idleExpiryMs);
  }
}

/** The values of a `MULTI`'s replies; throws the first error, or when the transaction was aborted. */
function resultsOf(results: Array<[Error | null, unknown]> | null): unknown[] {
  if (!results) throw new Error('the document transaction was aborted');
  for (const [error] of results) if (error) throw error;
  return results.map(([, value]) => value);
}
