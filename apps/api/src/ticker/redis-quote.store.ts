import {
  historyKeys,
  LuaScript,
  roomChannel,
  roomKey,
  SEQUENCED_ROOM_LUA,
  sequencedRoomContext,
  whileReady,
  type HistoryLimits,
} from '@pulse/gateway';
import { encodeMessage, tickerRoom } from '@pulse/protocol';
import type { RedisClient } from '@pulse/gateway';
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
    private readonly redis: RedisClient,
    private readonly options: RedisQuoteStoreOptions,
  ) {
    this.latestTtlMs = options.latestTtlMs ?? DEFAULT_LATEST_TTL_MS;
  }

  async publish(draft: QuoteDraft): Promise<Quote> {
    const prefix = quoteFramePrefix(draft, encodeMessage);
    const seq = (await whileReady(this.redis, () =>
      PUBLISH.run(this.redis, keysOf(draft.symbol), [
        sequencedRoomContext(this.options),
        prefix,
        this.latestTtlMs,
      ]),
    )) as number;
    return { type: 'quote', symbol: draft.symbol, price: draft.price, at: draft.at, seq };
  }

  async latest(symbol: string): Promise<Quote | null> {
    const frame = await whileReady(this.redis, () => this.redis.get(latestQuoteKey(symbol)));
    return frame === null ? null : (JSON.parse(frame) as Quote);
  }
}
