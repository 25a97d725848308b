export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Space kept free on every side, so the stroke is never clipped. */
  readonly padding: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10^n at or above `value` (a round top for the y axis); 1 for nothing above 0. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value * (1 - 1e-9)) return step * magnitude;
  return 10 * magnitude;
}

/**
 * The polylines of series sharing a y axis from 0 to `top`: one `points` string per run of values without a gap (a null
 * breaks the line), left to right across the box, one step per value.
 */
export function linePoints(values: readonly (number | null)[], top: number, box: ChartBox): string[] {
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  const step = values.length > 1 ? innerWidth / (values.length - 1) : 0;
  const runs: string[][] = [];
  let run: string[] | null = null;
  values.forEach((value, i) => {
    if (value === null) {
      run = null;
      return;
    }
    if (!run) runs.push((run = []));
    const x = box.padding + i * step;
    const y = box.padding + innerHeight - (Math.min(value, top) / top) * innerHeight;
    run.push(`${round(x)},${round(y)}`);
  });
  return runs
    .filter((points) => points.length > 0)
    .map((points) => (points.length === 1 ? `${points[0]} ${points[0]}` : points.join(' ')));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
