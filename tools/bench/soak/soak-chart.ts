import { lineChartSvg } from '../report/svg-line-chart';
import type { SoakResult } from './soak-result';

/** RSS, client-observed ping round trips and server CPU over the soak. */
export function soakChartSvg(result: SoakResult): string {
  const minutes = (tS: number): number => tS / 60;
  const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
  return lineChartSvg(
    [
      {
        title: `Server RSS, ${result.connections.toLocaleString('en')} idle connections (slope over 2nd half: ${result.rssSlopeMbPerMin.toFixed(3)} MiB/min)`,
        yLabel: 'MiB',
        series: [
          {
            name: 'RSS',
            color: '#1565c0',
            points: result.samples.map((s) => [minutes(s.tS), s.rssMb] as const),
          },
        ],
      },
      {
        title: `App-level ping round trip, ${result.pingers} clients in a pinger process (stands in for the server's event-loop delay)`,
        yLabel: 'ms',
        series: [
          {
            name: 'p50',
            color: '#2e7d32',
            points: result.samples.map((s) => [minutes(s.tS), finite(s.rttP50Ms)] as const),
          },
          {
            name: 'p99',
            color: '#c62828',
            points: result.samples.map((s) => [minutes(s.tS), finite(s.rttP99Ms)] as const),
          },
          {
            name: 'pinger loop delay p99',
            color: '#ef6c00',
            points: result.samples.map((s) => [minutes(s.tS), finite(s.pingerLoopP99Ms)] as const),
          },
        ],
      },
      {
        title: `Server CPU (heartbeat every ${result.heartbeatMs} ms)`,
        yLabel: '% of a core',
        series: [
          {
            name: 'CPU',
            color: '#6a1b9a',
            points: result.samples.map((s) => [minutes(s.tS), s.cpuPct] as const),
          },
        ],
      },
    ],
    'minutes',
  );
}
