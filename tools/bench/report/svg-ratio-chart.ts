import { SETUP_LABELS } from '../servers/server-setup';
import { RATIO_PAIRS } from './summary';
import { describeTarget, type TargetRow } from './target-check';

const WIDTH = 760;
const ROW = 30;
const LEFT = 330;
const RIGHT = 40;
const TOP = 40;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Horizontal bars of Pulse ÷ baseline for each ratio target, on a log scale centred on 1x, with the target
 * marked; green when met, red when missed.
 */
export function ratioChartSvg(rows: readonly TargetRow[]): string {
  const shown = rows.filter((row) => row.spec.against !== 'absolute' && row.measured !== undefined);
  const values = shown.flatMap((row) => [
    row.measured ?? 1,
    row.spec.value,
    row.range?.min ?? 1,
    row.range?.max ?? 1,
  ]);
  const lo = Math.min(0.25, ...values) * 0.9;
  const hi = Math.max(4, ...values) * 1.1;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (value: number): number =>
    Math.round((LEFT + ((Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * plotWidth) * 10) /
    10;
  const height = TOP + shown.length * ROW + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${LEFT}" y="18" font-weight="bold">Pulse ÷ baseline, same run (log scale; | = target, whisker = range over runs)</text>`,
  ];
  for (const tick of [0.25, 0.5, 1, 2, 4].filter((t) => t >= lo && t <= hi)) {
    parts.push(
      `<line x1="${x(tick)}" x2="${x(tick)}" y1="${TOP - 6}" y2="${height - 30}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>`,
    );
    parts.push(`<text x="${x(tick)}" y="${height - 14}" text-anchor="middle">${tick}x</text>`);
  }
  shown.forEach((row, i) => {
    const y = TOP + i * ROW;
    const measured = row.measured ?? 1;
    const color = row.met ? '#2e7d32' : '#c62828';
    const [from, to] = [Math.min(x(1), x(measured)), Math.max(x(1), x(measured))];
    const baseline = RATIO_PAIRS.find((pair) => pair.key === row.spec.against)?.baseline;
    const against =
      baseline === 'ws'
        ? 'ws'
        : baseline === 'socket.io'
          ? 'Socket.IO'
          : baseline
            ? SETUP_LABELS[baseline]
            : row.spec.against;
    parts.push(
      `<text x="${LEFT - 8}" y="${y + 15}" text-anchor="end">${escape(`${row.spec.label} (vs ${against})`)}</text>`,
    );
    parts.push(
      `<rect x="${from}" y="${y + 4}" width="${Math.max(1, to - from)}" height="16" fill="${color}" opacity="0.75"/>`,
    );
    if (row.range && row.range.runs > 1) {
      parts.push(
        `<line x1="${x(row.range.min)}" x2="${x(row.range.max)}" y1="${y + 12}" y2="${y + 12}" stroke="#000"/>`,
      );
    }
    parts.push(
      `<line x1="${x(row.spec.value)}" x2="${x(row.spec.value)}" y1="${y + 1}" y2="${y + 23}" stroke="#000" stroke-width="3"/>`,
    );
    parts.push(
      `<text x="${Math.min(WIDTH - 4, to + 4)}" y="${y + 15}" text-anchor="${to + 60 > WIDTH ? 'end' : 'start'}">${measured.toFixed(2)}x <tspan fill="#666">(target ${escape(describeTarget(row.spec).replace(/ \(.*\)$/, ''))})</tspan></text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
