import { monotonicClock, TokenBucket, type Clock } from '@pulse/auth';
import type { RateLimitOptions } from './rate-limit-options';

/** `ok`: handle it. `limited`: answer `RATE_LIMITED`. `flood`: the connection kept at it; close it. */
export type BudgetVerdict = 'ok' | 'limited' | 'flood';

/** A connection's budget of inbound messages, asked once per message before it is handled. */
export interface MessageBudget {
  take(): BudgetVerdict;
}

/** Share of the sustained rate at which a connection's allowance for refused messages comes back. */
const OVERFLOW_REFILL_SHARE = 0.2;

/**
 * Two buckets: the budget itself (`perSecond`, bursts of `burst`), and an allowance for refused messages of the
 * same size that refills at a fifth of the rate. A client that overshoots now and then gets `RATE_LIMITED`
 * answers; one that keeps sending above 1.2× its budget runs the allowance dry and is closed. Sending `S` a second
 * against a budget `R`, that takes `burst / (S - R) + burst / (S - 1.2 R)` seconds: at the defaults (128/s, bursts
 * of 256) about 4.5 s at twice the budget, 2.1 s at three times, 1.4 s at four, and under 0.3 s at 2000/s.
 */
export class ConnectionMessageBudget implements MessageBudget {
  private readonly budget: TokenBucket;
  private readonly overflow: TokenBucket;

  constructor(limits: { readonly perSecond: number; readonly burst: number }, now: Clock = monotonicClock) {
    this.budget = new TokenBucket({ capacity: limits.burst, refillPerSecond: limits.perSecond }, now);
    this.overflow = new TokenBucket(
      { capacity: limits.burst, refillPerSecond: limits.perSecond * OVERFLOW_REFILL_SHARE },
      now,
    );
  }

  take(): BudgetVerdict {
    if (this.budget.take()) return 'ok';
    return this.overflow.take() ? 'limited' : 'flood';
  }
}

/** Makes one budget per connection, or null when the message limit is off. */
export function messageBudgets(
  options: RateLimitOptions,
  now: Clock = monotonicClock,
): (() => MessageBudget) | null {
  if (options.messagesPerSecond <= 0) return null;
  const limits = { perSecond: options.messagesPerSecond, burst: Math.max(1, options.messageBurst) };
  return () => new ConnectionMessageBudget(limits, now);
}
