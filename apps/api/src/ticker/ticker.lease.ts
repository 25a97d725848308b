/**
 * Who runs the price source. With several nodes sharing Redis exactly one of them should publish quotes: the one
 * holding this lease. Each holder calls `acquire` every third of the lease's lifetime, which takes a free (or
 * expired) lease or renews its own; a holder that dies simply stops renewing, and another node takes the lease
 * once it expires. On one node without Redis the lease is always free.
 */
export interface TickerLease {
  /** Takes the lease when free, or renews it when this contender holds it; false when someone else holds it. */
  acquire(): Promise<boolean>;
  /** Gives the lease up if this contender holds it, so another can take it at once (on shutdown). */
  release(): Promise<void>;
}

export const TICKER_LEASE = Symbol('PULSE_TICKER_LEASE');
