import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 1_000));

  it('allows a burst of its capacity at once, then refuses', () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1 }, clock);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('refills at its rate, and never above its capacity', () => {
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4 }, clock);
    bucket.take();
    bucket.take();
    expect(bucket.take()).toBe(false);
    now += 250;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000;
    expect(bucket.isFull()).toBe(true);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('sustains exactly its rate under a steady stream', () => {
    const bucket = new TokenBucket({ capacity: 10, refillPerSecond: 50 }, clock);
    let admitted = 0;
    // 100 messages a second for 10 seconds, twice the rate.
    for (let i = 0; i < 1000; i++) {
      now += 10;
      if (bucket.take()) admitted++;
    }
    expect(admitted).toBeGreaterThanOrEqual(500);
    expect(admitted).toBeLessThanOrEqual(510);
  });

  it('lets a 30 Hz game through a 50/s bucket with burst 100, without a single refusal', () => {
    const bucket = new TokenBucket({ capacity: 100, refillPerSecond: 50 }, clock);
    for (let i = 0; i < 30 * 60; i++) {
      now += 1000 / 30;
      expect(bucket.take()).toBe(true);
    }
  });

  it('tells how long until a token is back, and peeks without taking', () => {
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 2 }, clock);
    expect(bucket.msUntil()).toBe(0);
    expect(bucket.has()).toBe(true);
    expect(bucket.has()).toBe(true);
    bucket.take();
    expect(bucket.has()).toBe(false);
    expect(bucket.msUntil()).toBe(500);
    now += 400;
    expect(bucket.msUntil()).toBe(100);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock);
    bucket.take();
    now -= 10_000;
    expect(bucket.take()).toBe(false);
  });

  it.each([
    [0, 1],
    [1, 0],
    [Number.NaN, 1],
  ])('refuses capacity %s / rate %s', (capacity, refillPerSecond) => {
    expect(() => new TokenBucket({ capacity, refillPerSecond }, clock)).toThrow(RangeError);
  });
});
