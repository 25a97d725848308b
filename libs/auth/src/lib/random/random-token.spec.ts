import { randomToken } from './random-token';

describe('randomToken', () => {
  it('gives base64url text of the requested number of bytes', () => {
    expect(randomToken(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(randomToken(12), 'base64url')).toHaveLength(12);
  });

  it('never hands out the same bytes twice, across pool refills', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 2000; i++) tokens.add(randomToken(32)); // ~8 refills of the pool
    expect(tokens.size).toBe(2000);
  });

  it('refuses a size larger than its pool', () => {
    expect(() => randomToken(100_000)).toThrow(RangeError);
  });
});
