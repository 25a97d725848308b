import { linePoints, niceCeiling } from './chart-geometry';
import type { Series } from './cluster-timeline';

export interface LineChartProps {
  readonly title: string;
  readonly series: readonly Series[];
  /** How a value reads, with its unit: `12.5/s`, `0.4 ms`. */
  readonly format: (value: number) => string;
  readonly width?: number;
  readonly height?: number;
}

const BOX_PADDING = 3;

/**
 * A small SVG line chart of series on one y axis from 0 to a round top, with a legend giving each series' latest
 * value. The figure's accessible name says what the latest values are.
 */
export function LineChart({ title, series, format, width = 320, height = 96 }: LineChartProps) {
  const latest = series.map((line) => ({
    label: line.label,
    value: [...line.values].reverse().find((v) => v !== null) ?? null,
  }));
  const top = niceCeiling(
    Math.max(0, ...series.flatMap((line) => line.values.filter((v): v is number => v !== null))),
  );
  const box = { width, height, padding: BOX_PADDING };
  const summary =
    latest.length === 0
      ? 'no data'
      : latest.map(({ label, value }) => `${label} ${value === null ? 'no data' : format(value)}`).join(', ');
  return (
    <figure className="console-chart">
      <figcaption className="console-chart__title">{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}: ${summary}`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="console-chart__plot"
      >
        <line
          x1={BOX_PADDING}
          x2={width - BOX_PADDING}
          y1={height - BOX_PADDING}
          y2={height - BOX_PADDING}
          className="console-chart__axis"
        />
        {series.map((line, index) =>
          linePoints(line.values, top, box).map((points, run) => (
            <polyline
              key={`${line.label}-${run}`}
              points={points}
              className={`console-chart__line console-chart__line--${index % 4}`}
              data-series={line.label}
            />
          )),
        )}
      </svg>
      <div className="console-chart__scale muted">top {format(top)}</div>
      <ul className="console-chart__legend">
        {latest.length === 0 && <li className="muted">none yet</li>}
        {latest.map(({ label, value }, index) => (
          <li key={label} data-series={label}>
            <span className={`console-chart__swatch console-chart__line--${index % 4}`} aria-hidden="true" />
            {label} <strong>{value === null ? '–' : format(value)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
