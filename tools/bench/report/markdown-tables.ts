import { SETUP_LABELS } from '../servers/server-setup';
import { formatValue, METRIC_SPECS } from './metric-specs';
import type { Ratio, ScenarioSummary } from './summary';
import { describeMeasured, describeTarget, type TargetRow } from './target-check';
import { NOT_YET_MEASURED } from './targets';

function formatRatio(ratio: Ratio | undefined): string {
  if (!ratio) return '';
  const range = ratio.runs > 1 ? ` <sub>${ratio.min.toFixed(2)}-${ratio.max.toFixed(2)}</sub>` : '';
  return `${ratio.median.toFixed(2)}x${range}`;
}

/** One scenario: each figure's median per server, and Pulse ÷ each baseline (median of per-run ratios, range). */
export function scenarioTable(summary: ScenarioSummary): string {
  const head = [
    'figure',
    ...summary.kinds.map((kind) => SETUP_LABELS[kind]),
    ...summary.pairs.map((pair) => pair.label),
  ];
  const rows = summary.figures.map((figure) => {
    const spec = METRIC_SPECS[figure.metric];
    const cells = [
      `${spec.label}${spec.unit ? ` (${spec.unit})` : ''}`,
      ...summary.kinds.map((kind) => formatValue(figure.metric, figure.medians[kind])),
    ];
    return [...cells, ...summary.pairs.map((pair) => formatRatio(figure.ratios[pair.key]))];
  });
  return table(head, rows, ['l', ...head.slice(1).map((): 'r' => 'r')]);
}

export function targetsTable(rows: readonly TargetRow[]): string {
  const body = rows.map((row) => [
    row.spec.label,
    describeTarget(row.spec),
    describeMeasured(row),
    row.met === undefined ? '-' : row.met ? 'met' : `**missed**`,
  ]);
  for (const item of NOT_YET_MEASURED)
    body.push([item.label, item.target, 'not measured', `- (${item.why})`]);
  return table(['target (issue 7)', 'target', 'measured (median of per-run ratios; range)', 'status'], body, [
    'l',
    'l',
    'r',
    'l',
  ]);
}

export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('l' | 'r')[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
