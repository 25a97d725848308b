import { sparklinePoints } from './sparkline-path';

export interface SparklineProps {
  readonly values: readonly number[];
  /** What the line shows, for screen readers: "ACME, last 60 prices". */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

/** A small inline SVG line of recent values, coloured by whether the last is above the first. */
export function Sparkline({ values, label, width = 120, height = 32 }: SparklineProps) {
  const rising = values.length < 2 || (values.at(-1) ?? 0) >= values[0];
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <polyline
        points={sparklinePoints(values, { width, height })}
        fill="none"
        stroke={rising ? 'var(--ok)' : 'var(--error)'}
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
