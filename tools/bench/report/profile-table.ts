import type { SelfTimeRow } from '../profile/cpuprofile-summary';
import { table } from './markdown-tables';

/** The top `count` functions by self time, with their usual callers. */
export function profileTable(rows: readonly SelfTimeRow[], count = 15): string {
  const body = rows
    .slice(0, count)
    .map((row, i) => [
      String(i + 1),
      `\`${row.name}\``,
      row.where ? `\`${row.where}\`` : '',
      row.samples.toLocaleString('en'),
      `${row.pct.toFixed(1)} %`,
      Number.isFinite(row.busyPct) ? `${row.busyPct.toFixed(1)} %` : '',
      row.via ? `${row.via.replace(/\|/g, '\\|')} (${row.viaPct.toFixed(0)} %)` : '',
    ]);
  return table(['#', 'function', 'script', 'self samples', 'of all', 'of busy', 'mostly called from'], body, [
    'r',
    'l',
    'l',
    'r',
    'r',
    'r',
    'l',
  ]);
}
