import { retryHintOf } from './retry-hint';

describe('retryHintOf', () => {
  it('reads the hint a draining server sends', () => {
    expect(retryHintOf('retry-after-ms=1234', 20_000)).toBe(1234);
    expect(retryHintOf('draining; retry-after-ms=5', 20_000)).toBe(5);
  });

  it('caps the hint at the client’s longest backoff', () => {
    expect(retryHintOf('retry-after-ms=999999', 20_000)).toBe(20_000);
  });

  it('ignores reasons without a well-formed hint', () => {
    expect(retryHintOf('', 20_000)).toBeUndefined();
    expect(retryHintOf('boom', 20_000)).toBeUndefined();
    expect(retryHintOf('retry-after-ms=', 20_000)).toBeUndefined();
    expect(retryHintOf('retry-after-ms=-5', 20_000)).toBeUndefined();
    expect(retryHintOf('xretry-after-ms=5', 20_000)).toBeUndefined();
  });
});
