/** Milliseconds from a monotonic origin. Injected so tests can move time by hand. */
export type Clock = () => number;

export const monotonicClock: Clock = () => performance.now();

export interface TokenBucketOptions {
  /** Most tokens the bucket holds: the burst it allows after a quiet spell. */
  readonly capacity: number;
  /** Tokens added per second, up to `capacity`: the sustained rate it allows. */
  readonly refillPerSecond: number;
}

/**
 * A token bucket: starts full, each admitted event takes a token, tokens come back at a steady rate.
 * Pure apart from the injected clock: no timers, nothing to clean up.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: Clock = monotonicClock,
  ) {
    if (!(options.capacity > 0) || !(options.refillPerSecond > 0)) {
      throw new RangeError('a token bucket needs a positive capacity and refill rate');
    }
    this.tokens = options.capacity;
    this.updatedAt = now();
  }

  /** Takes `count` tokens if there are that many; returns whether it did. */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Whether `count` tokens are there, without taking them. */
  has(count = 1): boolean {
    this.refill();
    return this.tokens >= count;
  }

  /** Milliseconds until `count` tokens are there (0 when they already are). */
  msUntil(count = 1): number {
    this.refill();
    const missing = count - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.options.refillPerSecond) * 1000);
  }

  /** True when the bucket is back to capacity, so forgetting it changes nothing. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.options.capacity;
  }

  private refill(): void {
    const now = this.now();
    const elapsedMs = now - this.updatedAt;
    if (elapsedMs <= 0) return;
    this.tokens = Math.min(
      this.options.capacity,
      this.tokens + (elapsedMs / 1000) * this.options.refillPerSecond,
    );
    this.updatedAt = now;
  }
}
