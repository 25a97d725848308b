/**
 * Where prices come from: the port the ticker publishes from. The default is a simulated random walk
 * (`RandomWalkPriceSource`); a real feed implements the same interface and is passed to `TickerModule.forRoot`.
 * Only the node holding the ticker lease asks it, once per symbol per tick.
 */
export interface PriceSource {
  /**
   * The symbol's next price, above 0. `last` is the latest published price (also one another node published before
   * this node took over), or undefined when the symbol has none yet. May answer asynchronously (a lookup); a tick
   * waits for it and the next tick is skipped while one is in flight.
   */
  next(symbol: string, last: number | undefined): number | Promise<number>;
}

export const PRICE_SOURCE = Symbol('PULSE_PRICE_SOURCE');
