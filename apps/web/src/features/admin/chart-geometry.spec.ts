import { linePoints, niceCeiling } from './chart-geometry';

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, -1, 0.7, 1, 1.2, 2.2, 3, 7, 42, 0.0031].map(niceCeiling)).toEqual([
      1, 1, 1, 1, 2, 2.5, 5, 10, 50, 0.005,
    ]);
  });
});

describe('linePoints', () => {
  const box = { width: 104, height: 54, padding: 2 };

  it('draws values from 0 at the bottom to the top at the top, left to right', () => {
    expect(linePoints([0, 5, 10], 10, box)).toEqual(['2,52 52,27 102,2']);
  });

  it('breaks the line at a gap, and draws a lone value as a dot', () => {
    expect(linePoints([10, null, 0, 0, null], 10, box)).toEqual(['2,2 2,2', '52,52 77,52']);
    expect(linePoints([null, null], 10, box)).toEqual([]);
  });

  it('keeps a value above the top inside the box', () => {
    expect(linePoints([20, 20], 10, box)).toEqual(['2,2 102,2']);
  });
});
