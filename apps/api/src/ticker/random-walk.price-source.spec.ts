import { RandomWalkPriceSource } from './random-walk.price-source';

describe('RandomWalkPriceSource', () => {
  it('opens every symbol at a stable price of its own between 20 and 220', () => {
    const source = new RandomWalkPriceSource();
    const opening = ['ACME', 'GLOBEX', 'INITECH'].map((symbol) => source.next(symbol, undefined));
    expect(new Set(opening).size).toBe(3);
    for (const price of opening) expect(price).toBeGreaterThanOrEqual(20);
    for (const price of opening) expect(price).toBeLessThan(220);
    expect(new RandomWalkPriceSource().next('ACME', undefined)).toBe(opening[0]);
  });

  it('moves by at most the volatility either way, in cents', () => {
    const up = new RandomWalkPriceSource({ volatility: 0.01, random: () => 0.999999 });
    const down = new RandomWalkPriceSource({ volatility: 0.01, random: () => 0 });
    const still = new RandomWalkPriceSource({ volatility: 0.01, random: () => 0.5 });
    expect(up.next('ACME', 100)).toBe(101);
    expect(down.next('ACME', 100)).toBe(99);
    expect(still.next('ACME', 100)).toBe(100);
    expect(up.next('ACME', 12.345)).toBe(12.47);
  });

  it('never goes below one cent', () => {
    const crash = new RandomWalkPriceSource({ volatility: 1, random: () => 0 });
    expect(crash.next('ACME', 0.01)).toBe(0.01);
  });
});
