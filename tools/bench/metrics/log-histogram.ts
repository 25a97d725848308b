const MIN_MS = 0.001;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets from 1 µs to about 160 s at 1 % steps. */
const BUCKETS = 1900;

/**
 * A latency histogram in milliseconds with about 1 % relative precision and fixed memory, so that
 * millions of samples cost nothing to keep.
 */
export class LogHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private maxValue = 0;

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxValue;
  }

  record(ms: number): void {
    const index = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH));
    this.counts[index]++;
    this.total++;
    if (ms > this.maxValue) this.maxValue = ms;
  }

  /** The value at quantile `q` (0..1), or NaN when empty. Reports the middle of the bucket. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index];
      if (seen >= rank) return Math.min(this.maxValue, MIN_MS * GROWTH ** (index + 0.5));
    }
    return this.maxValue;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.maxValue = 0;
  }
}
