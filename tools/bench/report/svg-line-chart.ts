export interface LineSeries {
  name: string;
  color: string;
  points: readonly (readonly [number, number])[];
}

export interface LinePanel {
  title: string;
  yLabel: string;
  series: readonly LineSeries[];
}

const WIDTH = 760;
const PANEL_HEIGHT = 220;
const LEFT = 60;
const RIGHT = 20;
const TOP = 30;
const BOTTOM = 30;

function niceMax(value: number): number {
  if (value <= 0 || !Number.isFinite(value)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= value) ?? value;
}

/** Stacked line-chart panels sharing the x axis (minutes), y from zero. */
export function lineChartSvg(panels: readonly LinePanel[], xLabel: string): string {
  const height = panels.length * PANEL_HEIGHT + 20;
  const allX = panels.flatMap((panel) => panel.series.flatMap((series) => series.points.map(([px]) => px)));
  const xMax = niceMax(Math.max(...allX, 0));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
  ];
  panels.forEach((panel, index) => {
    const top = index * PANEL_HEIGHT + TOP;
    const plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
    const yMax = niceMax(
      Math.max(...panel.series.flatMap((series) => series.points.map(([, py]) => py)), 0) * 1.05,
    );
    const x = (value: number): number => Math.round((LEFT + (value / xMax) * plotWidth) * 10) / 10;
    const y = (value: number): number =>
      Math.round((top + plotHeight - (value / yMax) * plotHeight) * 10) / 10;
    parts.push(`<text x="${LEFT}" y="${top - 10}" font-weight="bold">${panel.title}</text>`);
    for (let i = 0; i <= 4; i++) {
      const value = (yMax / 4) * i;
      parts.push(
        `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(value)}" y2="${y(value)}" stroke="#eee"/>`,
      );
      parts.push(
        `<text x="${LEFT - 6}" y="${y(value) + 4}" text-anchor="end">${Number(value.toPrecision(3))}</text>`,
      );
    }
    for (let i = 0; i <= 5; i++) {
      const value = (xMax / 5) * i;
      parts.push(
        `<text x="${x(value)}" y="${top + plotHeight + 16}" text-anchor="middle">${Number(value.toPrecision(3))}</text>`,
      );
    }
    parts.push(
      `<text x="14" y="${top + plotHeight / 2}" transform="rotate(-90 14 ${top + plotHeight / 2})" text-anchor="middle">${panel.yLabel}</text>`,
    );
    panel.series.forEach((series, s) => {
      const path = series.points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${x(px)},${y(py)}`).join(' ');
      parts.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="1.5"/>`);
      parts.push(
        `<text x="${WIDTH - RIGHT - 150}" y="${top + 4 + s * 14}" fill="${series.color}">${series.name}</text>`,
      );
    });
  });
  parts.push(`<text x="${LEFT + plotWidth / 2}" y="${height - 4}" text-anchor="middle">${xLabel}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
