import { monotonicClock, TokenBucket, type Clock, type TokenBucketOptions } from './token-bucket';

export interface KeyedTokenBucketsOptions extends TokenBucketOptions {
  /**
   * Most keys remembered at once. Past it, full buckets are forgotten first (they hold no state), then the least
   * recently used one: memory stays bounded whatever an attacker sends.
   * @default 10000
   */
  readonly maxKeys?: number;
}

const DEFAULT_MAX_KEYS = 10_000;
/** How many entries one eviction looks at for a full bucket before falling back to the oldest. */
const EVICTION_SCAN = 32;

/** One token bucket per key (a user, an address), in bounded memory. */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly options: KeyedTokenBucketsOptions,
    private readonly now: Clock = monotonicClock,
  ) {
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    // Fails fast on a bad rate, as the buckets themselves would.
    new TokenBucket(options, now);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Takes a token from the key's bucket; returns whether it did. */
  take(key: string, count = 1): boolean {
    return this.touch(key).take(count);
  }

  /** Whether the key's bucket has a token, without taking it (an unknown key has a full bucket). */
  has(key: string, count = 1): boolean {
    const bucket = this.buckets.get(key);
    return bucket ? bucket.has(count) : true;
  }

  /** Milliseconds until the key's bucket has `count` tokens. */
  msUntil(key: string, count = 1): number {
    return this.buckets.get(key)?.msUntil(count) ?? 0;
  }

  private touch(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
    } else {
      if (this.buckets.size >= this.maxKeys) this.evictOne();
      bucket = new TokenBucket(this.options, this.now);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }

  private evictOne(): void {
    let scanned = 0;
    for (const [key, bucket] of this.buckets) {
      if (bucket.isFull()) {
        this.buckets.delete(key);
        return;
      }
      if (++scanned >= EVICTION_SCAN) break;
    }
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
