/** How long to wait between reconnect attempts. */
export interface BackoffOptions {
  /**
   * The cap of the first delay, in milliseconds: the first retry comes after at most this long.
   * @default 500
   */
  initialDelayMs: number;
  /**
   * No delay is ever longer than this, in milliseconds.
   * @default 20000
   */
  maxDelayMs: number;
  /**
   * Each attempt multiplies the cap by this factor.
   * @default 2
   */
  multiplier: number;
}

export const defaultBackoffOptions: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 20_000,
  multiplier: 2,
};

/** The largest delay `nextDelay` may return for an attempt. */
export function delayCap(attempt: number, options: BackoffOptions = defaultBackoffOptions): number {
  const grown = options.initialDelayMs * options.multiplier ** Math.max(0, attempt);
  return Math.min(options.maxDelayMs, grown);
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, cap], where the cap grows with `attempt`
 * (0 for the first retry). Full jitter spreads a crowd of clients that lost the same server.
 */
export function nextDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoffOptions,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * delayCap(attempt, options));
}
