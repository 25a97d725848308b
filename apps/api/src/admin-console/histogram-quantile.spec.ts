import { histogramQuantile } from './histogram-quantile';

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.001, count: 50 },
    { le: 0.01, count: 90 },
    { le: 0.1, count: 100 },
    { le: Infinity, count: 100 },
  ];

  it('interpolates within the bucket the rank falls in, as Prometheus does', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.001, 9);
    expect(histogramQuantile(0.25, buckets)).toBeCloseTo(0.0005, 9);
    // rank 70 is halfway through the second bucket (50..90): halfway from 0.001 to 0.01
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.0055, 9);
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.055, 9);
  });

  it('gives the highest finite bound for a rank in the +Inf bucket', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 0.01, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).toBe(0.01);
  });

  it('is null for an empty histogram and accepts buckets in any order', () => {
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
    ).toBeNull();
    expect(histogramQuantile(0.5, [])).toBeNull();
    expect(histogramQuantile(0.5, [...buckets].reverse())).toBeCloseTo(0.001, 9);
  });
});
