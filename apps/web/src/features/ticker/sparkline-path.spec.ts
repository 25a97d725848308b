import { sparklinePoints } from './sparkline-path';

describe('sparklinePoints', () => {
  const box = { width: 104, height: 24, padding: 2 };

  it('spreads the values across the width, the highest at the top and the lowest at the bottom', () => {
    expect(sparklinePoints([10, 30, 20], box)).toBe('2,22 52,2 102,12');
  });

  it('draws a flat series across the middle', () => {
    expect(sparklinePoints([5, 5, 5], box)).toBe('2,12 52,12 102,12');
  });

  it('draws nothing for fewer than two values', () => {
    expect(sparklinePoints([], box)).toBe('');
    expect(sparklinePoints([7], box)).toBe('');
  });
});
