import { renewDelayMs } from './renewal-schedule';

describe('renewDelayMs', () => {
  it('renews a minute before a long-lived token expires', () => {
    expect(renewDelayMs(900)).toBe(840_000);
    expect(renewDelayMs(3600)).toBe(3_540_000);
  });

  it('renews a short-lived token at three quarters of its life', () => {
    expect(renewDelayMs(120)).toBe(90_000);
    expect(renewDelayMs(4)).toBe(3_000);
  });

  it('waits at least a second, even for a token that is (nearly) expired', () => {
    expect(renewDelayMs(1)).toBe(1_000);
    expect(renewDelayMs(0)).toBe(1_000);
    expect(renewDelayMs(-5)).toBe(1_000);
  });
});
