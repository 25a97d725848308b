import {
  historyKeys,
  LuaScript,
  roomChannel,
  roomKey,
  SEQUENCED_ROOM_LUA,
  StoreUnavailableError,
  type HistoryLimits,
  type SequencedRoomContext,
} from '@pulse/gateway';
import { encodeMessage, tickerRoom } from '@pulse/protocol';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { quoteFramePrefix, type Quote, type QuoteDraft, type QuoteStore } from './quote.store';

export interface RedisQuoteStoreOptions {
  /** Publish with SPUBLISH (Redis Cluster sharded pub/sub). @default false */
  shardedPubSub: boolean;
  /** Limits of each room's event log (quotes are logged like every sequenced room event). */
  history: HistoryLimits;
  /** How long a symbol's latest quote is kept after it was set, so a subscriber is never shown a day-old price. @default 600000 */
  latestTtlMs?: number;
}

/** A symbol's latest quote frame. Shares the room's hash slot. */
export function latestQuoteKey(symbol: string): string {
  return roomKey(tickerRoom(symbol), 'ticker:latest');
}

function keysOf(symbol: string): string[] {
  const room = tickerRoom(symbol);
  const history = historyKeys(room);
  return [history.seq, roomChannel(room), history.history, history.epoch, latestQuoteKey(symbol)];
}

/**
 * KEYS: seq, channel, history, epoch, latest. ARGV: context, framePrefix, latestTtlMs. Returns the seq.
 * Numbers the quote with the room's seq, logs and publishes it through the shared sequencing Lua, and keeps it as
 * the latest, atomically.
 */
const PUBLISH = new LuaScript(`
local seqKey, channel, historyKey, epochKey, latestKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local ctx = cjson.decode(ARGV[1])
${SEQUENCED_ROOM_LUA}
local seq = sequenceAndPublish(ARGV[2], '')
redis.call('SET', latestKey, ARGV[2] .. seq .. '}', 'PX', ARGV[3])
return seq
`);

const DEFAULT_LATEST_TTL_MS = 600_000;

/** Quotes shared by every node through Redis. */
export class RedisQuoteStore implements QuoteStore {
  private readonly latestTtlMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisQuoteStoreOptions,
  ) {
    this.latestTtlMs = options.latestTtlMs ?? DEFAULT_LATEST_TTL_MS;
  }

  async publish(draft: QuoteDraft): Promise<Quote> {
    const prefix = quoteFramePrefix(draft, encodeMessage);
    const seq = (await this.guard(() => PUBLISH.run(this.redis, keysOf(draft.symbol), [this.context(), prefix, this.latestTtlMs]))) as number;
    return { type: 'quote', symbol: draft.symbol, price: draft.price, at: draft.at, seq };
  }

  async latest(symbol: string): Promise<Quote | null> {
    const frame = await this.guard(() => this.redis.get(latestQuoteKey(symbol)));
    return frame === null ? null : (JSON.parse(frame) as Quote);
  }

  private context(): string {
    const context: SequencedRoomContext = {
      publish: this.options.shardedPubSub ? 'SPUBLISH' : 'PUBLISH',
      epoch: randomUUID().slice(0, 8),
      maxEvents: this.options.history.maxEvents,
      maxAgeMs: this.options.history.maxAgeMs,
    };
    return JSON.stringify(context);
  }

  /** A Redis that is not ready is reported as `StoreUnavailableError`. */
  private async guard<T>(command: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') throw new StoreUnavailableError(`redis ${this.redis.status}`);
    try {
      return await command();
    } catch (error) {
      if (this.redis.status !== 'ready') throw new StoreUnavailableError(`redis ${this.redis.status}`);
      throw error;
    }
  }
}
