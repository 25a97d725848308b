import type { PriceSource } from './price-source';

export interface RandomWalkOptions {
  /** The largest relative step of one tick: 0.002 moves a price by at most 0.2% either way. @default 0.002 */
  readonly volatility?: number;
  /** Uniform random numbers in [0, 1). @default Math.random */
  readonly random?: () => number;
}

const MIN_PRICE = 0.01;

/** Rounds to cents, never below one cent. */
function toCents(price: number): number {
  return Math.max(MIN_PRICE, Math.round(price * 100) / 100);
}

/**
 * A simulated market: each tick moves a price by a uniform random step of at most `volatility` of itself, rounded
 * to cents. A symbol without a price starts at a value derived from its name (20 to 220), so every node and every
 * restart starts it at the same place.
 */
export class RandomWalkPriceSource implements PriceSource {
  private readonly volatility: number;
  private readonly random: () => number;

  constructor(options: RandomWalkOptions = {}) {
    this.volatility = options.volatility ?? 0.002;
    this.random = options.random ?? Math.random;
  }

  next(symbol: string, last: number | undefined): number {
    if (last === undefined) return RandomWalkPriceSource.openingPrice(symbol);
    const step = (this.random() * 2 - 1) * this.volatility;
    return toCents(last * (1 + step));
  }

  /** A stable starting price for a symbol: 20.00 plus up to 200.00, from a hash of its name. */
  static openingPrice(symbol: string): number {
    let hash = 2166136261;
    for (let i = 0; i < symbol.length; i++) hash = Math.imul(hash ^ symbol.charCodeAt(i), 16777619) >>> 0;
    return toCents(20 + (hash % 20_000) / 100);
  }
}
