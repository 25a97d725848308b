import { METRIC_SPECS, formatValue } from './metric-specs';
import { RATIO_PAIRS, type ScenarioSummary } from './summary';
import { meets, TARGETS, type TargetSpec } from './targets';

export interface TargetRow {
  spec: TargetSpec;
  /** The ratio (or absolute figure) measured, if the scenario ran. */
  measured?: number;
  /** Spread of the per-run ratios. */
  range?: { min: number; max: number; runs: number };
  met?: boolean;
}

export function checkTargets(summaries: readonly ScenarioSummary[]): TargetRow[] {
  return TARGETS.map((spec) => {
    const figure = summaries
      .find((summary) => summary.name === spec.scenario)
      ?.figures.find((f) => f.metric === spec.metric);
    if (!figure) return { spec };
    if (spec.against === 'absolute') {
      const measured = figure.medians.pulse;
      return measured === undefined
        ? { spec }
        : { spec, measured, met: meets(spec.op, measured, spec.value) };
    }
    const ratio = figure.ratios[spec.against];
    if (!ratio) return { spec };
    return { spec, measured: ratio.median, range: ratio, met: meets(spec.op, ratio.median, spec.value) };
  });
}

export function describeTarget(spec: TargetSpec): string {
  if (spec.against === 'absolute') {
    const unit = METRIC_SPECS[spec.metric].unit;
    return `${spec.op} ${spec.value}${unit ? ` ${unit}` : ''}`;
  }
  const pair = RATIO_PAIRS.find((p) => p.key === spec.against);
  return `${spec.op} ${spec.value}x (${pair?.label ?? spec.against})`;
}

export function describeMeasured(row: TargetRow): string {
  if (row.measured === undefined) return 'not measured';
  if (row.spec.against === 'absolute') return formatValue(row.spec.metric, row.measured);
  const range =
    row.range && row.range.runs > 1
      ? ` (${row.range.min.toFixed(2)}-${row.range.max.toFixed(2)}, ${row.range.runs} runs)`
      : '';
  return `${row.measured.toFixed(2)}x${range}`;
}
