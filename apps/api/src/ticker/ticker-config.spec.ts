import { loadConfig } from '../config/load-config';

describe('ticker configuration', () => {
  it('defaults to ACME, GLOBEX and INITECH at 2 Hz with a 5 s lease', () => {
    expect(loadConfig({}).ticker).toEqual({
      symbols: ['ACME', 'GLOBEX', 'INITECH'],
      rateHz: 2,
      leaseTtlMs: 5000,
    });
  });

  it('reads symbols, rate and lease from the environment', () => {
    const config = loadConfig({
      TICKER_SYMBOLS: ' BRK.B, X ,ABC-1',
      TICKER_RATE_HZ: '0.5',
      TICKER_LEASE_TTL_MS: '900',
    });
    expect(config.ticker).toEqual({ symbols: ['BRK.B', 'X', 'ABC-1'], rateHz: 0.5, leaseTtlMs: 900 });
  });

  it.each([
    [{ TICKER_SYMBOLS: 'ACME,acme' }, 'TICKER_SYMBOLS: "acme" is not a symbol'],
    [{ TICKER_SYMBOLS: 'ACME,ACME' }, 'TICKER_SYMBOLS: "ACME" is listed twice'],
    [{ TICKER_SYMBOLS: ' , ' }, 'TICKER_SYMBOLS: name at least one symbol'],
    [{ TICKER_RATE_HZ: '0' }, 'TICKER_RATE_HZ'],
    [{ TICKER_RATE_HZ: 'fast' }, 'TICKER_RATE_HZ'],
    [{ TICKER_LEASE_TTL_MS: '10' }, 'TICKER_LEASE_TTL_MS'],
  ])('stops the boot on %j, naming the variable', (env, problem) => {
    expect(() => loadConfig(env)).toThrow(problem);
  });
});
