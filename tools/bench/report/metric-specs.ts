import type { MetricKey } from '../scenarios/metrics';

export interface MetricSpec {
  label: string;
  unit: string;
  /** Which way is better, for reading a ratio. */
  better: 'lower' | 'higher' | 'neither';
  digits: number;
}

export const METRIC_SPECS: Record<MetricKey, MetricSpec> = {
  deliveredPerS: { label: 'delivered msgs/s', unit: '/s', better: 'neither', digits: 0 },
  deliveredRatio: { label: 'delivered ratio', unit: '', better: 'higher', digits: 5 },
  sentPerS: { label: 'sent msgs/s', unit: '/s', better: 'neither', digits: 0 },
  p50Ms: { label: 'latency p50', unit: 'ms', better: 'lower', digits: 2 },
  p99Ms: { label: 'latency p99', unit: 'ms', better: 'lower', digits: 2 },
  p999Ms: { label: 'latency p99.9', unit: 'ms', better: 'lower', digits: 2 },
  cpuUsPerMsg: { label: 'server CPU per delivered msg', unit: 'µs', better: 'lower', digits: 2 },
  bytesPerMsg: { label: 'bytes received per delivered msg', unit: 'B', better: 'lower', digits: 1 },
  serverCpuPct: { label: 'server CPU', unit: '% of a core', better: 'lower', digits: 1 },
  redisCpuPct: { label: 'of which Redis CPU', unit: '% of a core', better: 'lower', digits: 1 },
  loadgenCpuPct: { label: 'load generator CPU', unit: '% of a core', better: 'neither', digits: 1 },
  otherCpuPct: { label: "other processes' CPU (noise)", unit: '% of a core', better: 'neither', digits: 1 },
  rssKbPerConn: { label: 'RSS per idle connection', unit: 'KiB', better: 'lower', digits: 2 },
  connectsPerS: { label: 'connects/s', unit: '/s', better: 'higher', digits: 0 },
  reconnectsPerS: { label: 'reconnects/s', unit: '/s', better: 'higher', digits: 0 },
  lastResumedMs: { label: 'time until the last is back', unit: 'ms', better: 'lower', digits: 0 },
  ticketFallbacks: { label: 'resume tickets refused (HTTP fallback)', unit: '', better: 'lower', digits: 0 },
  cpuUsPerConnect: { label: 'server CPU per connect', unit: 'µs', better: 'lower', digits: 0 },
  heartbeatsPerConn: { label: 'heartbeats per connection in window', unit: '', better: 'neither', digits: 2 },
  idleConnections: { label: 'idle connections open', unit: '', better: 'neither', digits: 0 },
  dropped: { label: 'connections dropped by the server', unit: '', better: 'lower', digits: 0 },
  errors: { label: 'error frames', unit: '', better: 'lower', digits: 0 },
};

export function formatValue(key: MetricKey, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  const { digits } = METRIC_SPECS[key];
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
