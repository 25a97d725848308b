export interface SparklineBox {
  readonly width: number;
  readonly height: number;
  /** Space kept free on every side, so the stroke is never clipped. @default 2 */
  readonly padding?: number;
}

/**
 * The `points` of an SVG polyline drawing `values` left to right across the box, the lowest at the bottom and the
 * highest at the top. A flat series is drawn across the middle; fewer than two values draw nothing.
 */
export function sparklinePoints(values: readonly number[], box: SparklineBox): string {
  if (values.length < 2) return '';
  const padding = box.padding ?? 2;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const innerWidth = box.width - 2 * padding;
  const innerHeight = box.height - 2 * padding;
  const step = innerWidth / (values.length - 1);
  return values
    .map((value, i) => {
      const x = padding + i * step;
      const y = max === min ? box.height / 2 : padding + ((max - value) / (max - min)) * innerHeight;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
