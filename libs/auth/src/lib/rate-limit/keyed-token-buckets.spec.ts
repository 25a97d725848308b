import { KeyedTokenBuckets } from './keyed-token-buckets';

describe('KeyedTokenBuckets', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 0));

  it('keeps one budget per key', () => {
    const buckets = new KeyedTokenBuckets({ capacity: 2, refillPerSecond: 1 }, clock);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.has('a')).toBe(false);
    expect(buckets.has('never-seen')).toBe(true);
    expect(buckets.msUntil('a')).toBe(1000);
  });

  it('stays within maxKeys however many keys come, forgetting full buckets first', () => {
    const buckets = new KeyedTokenBuckets({ capacity: 5, refillPerSecond: 1, maxKeys: 100 }, clock);
    buckets.take('attacker');
    buckets.take('attacker');
    for (let i = 0; i < 5; i++) buckets.take('attacker');
    expect(buckets.has('attacker')).toBe(false);
    now += 100_000;
    // 'attacker' is full again by now; the newcomers below drained nothing of their own
    for (let i = 0; i < 10_000; i++) buckets.take(`spray-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('keeps a drained key while it has room, even under many one-off keys', () => {
    const buckets = new KeyedTokenBuckets({ capacity: 1, refillPerSecond: 0.001, maxKeys: 50 }, clock);
    buckets.take('drained');
    // one-off keys are drained too (capacity 1), so eviction falls back to least recently used;
    // touching 'drained' keeps it recent
    for (let i = 0; i < 200; i++) {
      buckets.take(`other-${i}`);
      buckets.take('drained');
    }
    expect(buckets.has('drained')).toBe(false);
    expect(buckets.size).toBe(50);
  });
});
