/** One histogram bucket: how many observations were at most `le` (cumulative, as Prometheus exposes them). */
export interface CumulativeBucket {
  readonly le: number;
  readonly count: number;
}

/**
 * The `q` quantile (0-1) of a histogram, as Prometheus' `histogram_quantile` estimates it: linear interpolation within
 * the bucket the rank falls in, from the bucket below's bound (0 for the first). A rank in the `+Inf` bucket gives the
 * highest finite bound. Null for an empty histogram.
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      if (inBucket <= 0) return bucket.le;
      return lowerBound + (bucket.le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    lowerBound = Number.isFinite(bucket.le) ? bucket.le : lowerBound;
    lowerCount = bucket.count;
  }
  return lowerBound;
}
