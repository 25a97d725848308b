/** What the ticker publishes, how often, and how the nodes agree on who publishes. */
export interface TickerOptions {
  /** The symbols to publish, each to the room `ticker:SYMBOL`. @default ['ACME', 'GLOBEX', 'INITECH'] */
  readonly symbols: readonly string[];
  /** Quotes per second per symbol. @default 2 */
  readonly rateHz: number;
  /**
   * With Redis, how long the price-source lease lasts without renewal; the leader renews it every third of it, and a
   * dead leader's quotes pause at most this long before another node takes over. @default 5000
   */
  readonly leaseTtlMs: number;
}

export const TICKER_OPTIONS = Symbol('PULSE_TICKER_OPTIONS');
