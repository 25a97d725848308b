import type { ConsoleHistory, ConsoleSample } from './console-history';

/** One chart line: its name and a value per tick (null where no node reported). */
export interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

export interface ClusterTimeline {
  /** Tick times (ms since the epoch), oldest first, one per second, up to the newest sample. */
  readonly ticks: readonly number[];
  readonly connections: readonly Series[];
  readonly messages: readonly Series[];
  readonly fanout: readonly Series[];
  readonly redisLag: readonly Series[];
  readonly refusedUpgrades: readonly Series[];
  readonly closes: readonly Series[];
}

const TICK_MS = 1000;

/**
 * The whole cluster, one point per second, for the charts. Rates and gauges add up each node's latest sample at the
 * tick (a sample stands for its interval, and at most that long after it); percentiles and the Redis lag take the
 * worst node; refusals and closes add up the samples taken within the tick, by reason and by code.
 */
export function clusterTimeline(history: ConsoleHistory, points: number): ClusterTimeline {
  const all = Object.values(history);
  const newest = Math.max(...all.map((samples) => samples.at(-1)?.at ?? -Infinity));
  const ticks = Number.isFinite(newest)
    ? Array.from({ length: points }, (_, i) => newest - (points - 1 - i) * TICK_MS)
    : [];
  const standing = ticks.map((tick) => all.flatMap((samples) => latestAt(samples, tick)));
  const within = ticks.map((tick) =>
    all.flatMap((samples) => samples.filter((s) => s.at <= tick && s.at > tick - TICK_MS)),
  );
  const total = (label: string, pick: (s: ConsoleSample) => number | null | undefined): Series => ({
    label,
    values: standing.map((samples) => combine(samples.map(pick), (a, b) => a + b)),
  });
  const worst = (label: string, pick: (s: ConsoleSample) => number | null | undefined): Series => ({
    label,
    values: standing.map((samples) => combine(samples.map(pick), (a, b) => Math.max(a, b))),
  });
  const counted = (pick: (s: ConsoleSample) => Readonly<Record<string, number>>): Series[] => {
    const labels = [
      ...new Set(all.flatMap((samples) => samples.flatMap((s) => Object.keys(pick(s))))),
    ].sort();
    return labels.map((label) => ({
      label,
      values: within.map((samples) =>
        samples.length === 0 ? null : samples.reduce((sum, s) => sum + (pick(s)[label] ?? 0), 0),
      ),
    }));
  };
  const withRedis = all.some((samples) => samples.some((s) => s.redis !== null));
  return {
    ticks,
    connections: [
      total('ws', (s) => s.connections.ws),
      total('socket.io', (s) => s.connections['socket.io']),
    ],
    messages: [total('in', (s) => s.messagesInPerSecond), total('out', (s) => s.messagesOutPerSecond)],
    fanout: [
      worst('p50', (s) => s.fanout?.p50),
      worst('p95', (s) => s.fanout?.p95),
      worst('p99', (s) => s.fanout?.p99),
    ],
    redisLag: withRedis ? [worst('lag', (s) => s.redis?.lagSeconds)] : [],
    refusedUpgrades: counted((s) => s.refusedUpgrades),
    closes: counted((s) => s.closes),
  };
}

/** The node's newest sample at or before the tick that still stands for it (taken at most one interval before). */
function latestAt(samples: readonly ConsoleSample[], tick: number): ConsoleSample[] {
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i];
    if (sample.at > tick) continue;
    return tick - sample.at < sample.intervalSeconds * 1000 + TICK_MS ? [sample] : [];
  }
  return [];
}

function combine(
  values: readonly (number | null | undefined)[],
  join: (a: number, b: number) => number,
): number | null {
  const present = values.filter((value): value is number => typeof value === 'number');
  return present.length === 0 ? null : present.reduce(join);
}
