import { RedisRoomChange, roomKey, whileReady, type RedisClient, type SequencedRoom } from '@pulse/gateway';
import { tickerRoom } from '@pulse/protocol';
import type { Quote, QuoteDraft, QuoteStore } from './quote.store';

export interface RedisQuoteStoreOptions {
  /** How long a symbol's latest quote is kept after it was set, so a subscriber is never shown a day-old price. @default 600000 */
  latestTtlMs?: number;
}

/** A symbol's latest quote frame. Shares the room's hash slot. */
export function latestQuoteKey(symbol: string): string {
  return roomKey(tickerRoom(symbol), 'ticker:latest');
}

/** Keeps the numbered quote as the symbol's latest (args: latestTtlMs), in the step that numbers it. */
const KEEP_LATEST = new RedisRoomChange({
  keys: { latest: 'ticker:latest' },
  after: "redis.call('SET', K.latest, frame, 'PX', args[1])",
});

const DEFAULT_LATEST_TTL_MS = 600_000;

/** Quotes shared by every node through Redis, numbered in the room's sequence (`SequencedRoom`). */
export class RedisQuoteStore implements QuoteStore {
  private readonly latestTtlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly sequenced: SequencedRoom,
    options: RedisQuoteStoreOptions = {},
  ) {
    this.latestTtlMs = options.latestTtlMs ?? DEFAULT_LATEST_TTL_MS;
  }

  async publish(draft: QuoteDraft): Promise<Quote> {
    const { symbol, price, at } = draft;
    const seq = await this.sequenced.append(
      tickerRoom(symbol),
      { message: { type: 'quote', symbol, price, at } },
      { redis: { change: KEEP_LATEST, args: [this.latestTtlMs] } },
    );
    if (seq === null) throw new Error('the quote was not numbered');
    return { type: 'quote', symbol, price, at, seq };
  }

  async latest(symbol: string): Promise<Quote | null> {
    const frame = await whileReady(this.redis, () => this.redis.get(latestQuoteKey(symbol)));
    return frame === null ? null : (JSON.parse(frame) as Quote);
  }
}
