import { defaultBackoffOptions, delayCap, nextDelay, type BackoffOptions } from './backoff';

describe('nextDelay', () => {
  it('retries the first time within the initial delay, well under a second', () => {
    expect(nextDelay(0, defaultBackoffOptions, () => 0.999)).toBeLessThanOrEqual(500);
  });

  it('keeps every delay within [0, min(max, initial * multiplier ^ attempt)]', () => {
    const options: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 5_000, multiplier: 3 };
    for (let attempt = 0; attempt < 12; attempt++) {
      const cap = Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const delay = nextDelay(attempt, options, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('stays within bounds for Math.random over many attempts', () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const delay = nextDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(delayCap(attempt));
    }
  });

  it('grows the cap exponentially and stops at the maximum', () => {
    expect([0, 1, 2, 3].map((a) => delayCap(a))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(delayCap(6)).toBe(20_000);
    expect(delayCap(1_000)).toBe(20_000);
  });

  it('spreads delays across the whole range (full jitter)', () => {
    expect(nextDelay(3, defaultBackoffOptions, () => 0)).toBe(0);
    expect(nextDelay(3, defaultBackoffOptions, () => 0.5)).toBe(2_000);
  });
});
