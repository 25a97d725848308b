import { median, spread } from '../metrics/median';
import type { RunRecord, ScenarioResult } from '../run/results';
import type { MetricKey } from '../scenarios/metrics';
import { SERVER_SETUPS, SETUP_LABELS, type ServerSetup } from '../servers/server-setup';

/**
 * The comparisons the report makes: a Pulse kind over the baseline it competes with (and, with `--compare-pulse`,
 * this build over the second one, same run); two Pulse nodes over Redis
 * against one node with the same kind of Redis (like for like) and against one node in memory (what scaling out
 * costs in all); and one node over Redis against one in memory (what Redis alone costs).
 */
export const RATIO_PAIRS = [
  { key: 'pulse/ws', subject: 'pulse', baseline: 'ws', label: 'Pulse ÷ ws' },
  { key: 'pulse/socket.io', subject: 'pulse', baseline: 'socket.io', label: 'Pulse ÷ Socket.IO' },
  { key: 'pulse-compare/ws', subject: 'pulse-compare', baseline: 'ws', label: 'Pulse (compare) ÷ ws' },
  {
    key: 'pulse/pulse-compare',
    subject: 'pulse',
    baseline: 'pulse-compare',
    label: 'Pulse ÷ Pulse (compare)',
  },
  {
    key: 'pulse-msgpack/pulse',
    subject: 'pulse-msgpack',
    baseline: 'pulse',
    label: 'Pulse MessagePack ÷ Pulse JSON',
  },
  { key: 'pulse-msgpack/ws', subject: 'pulse-msgpack', baseline: 'ws', label: 'Pulse MessagePack ÷ ws' },
  {
    key: 'pulse-batch30/ws',
    subject: 'pulse-batch30',
    baseline: 'ws',
    label: 'Pulse batching at 30 Hz ÷ ws',
  },
  {
    key: 'pulse-sio/socket.io',
    subject: 'pulse-sio',
    baseline: 'socket.io',
    label: 'Pulse over Socket.IO ÷ Socket.IO',
  },
  {
    key: 'pulse-2n-redis/pulse-redis',
    subject: 'pulse-2n-redis',
    baseline: 'pulse-redis',
    label: '2 nodes ÷ 1 node, both over Redis',
  },
  {
    key: 'pulse-2n-redis/ws',
    subject: 'pulse-2n-redis',
    baseline: 'ws',
    label: '2 Pulse nodes over Redis ÷ ws',
  },
  {
    key: 'pulse-2n-redis/pulse',
    subject: 'pulse-2n-redis',
    baseline: 'pulse',
    label: '2 nodes over Redis ÷ 1 node in memory',
  },
  {
    key: 'pulse-redis/pulse',
    subject: 'pulse-redis',
    baseline: 'pulse',
    label: '1 node over Redis ÷ 1 node in memory',
  },
  {
    key: 'pulse-2n-cluster/pulse-2n-redis',
    subject: 'pulse-2n-cluster',
    baseline: 'pulse-2n-redis',
    label: '2 nodes over a Redis Cluster ÷ over one Redis',
  },
] as const satisfies readonly { key: string; subject: ServerSetup; baseline: ServerSetup; label: string }[];

export type RatioKey = (typeof RATIO_PAIRS)[number]['key'];

/** Subject ÷ baseline, computed per run (same run, same machine state), then the median over runs. */
export interface Ratio {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface FigureSummary {
  metric: MetricKey;
  /** Median over runs of each kind's absolute figure. */
  medians: Partial<Record<ServerSetup, number>>;
  ratios: Partial<Record<RatioKey, Ratio>>;
}

export interface ScenarioSummary {
  name: string;
  title: string;
  description: string;
  figures: FigureSummary[];
  /** Kinds measured, in display order. */
  kinds: ServerSetup[];
  /** Ratio pairs whose two kinds were both measured. */
  pairs: (typeof RATIO_PAIRS)[number][];
  notes: string[];
}

function ok(records: readonly RunRecord[], kind: ServerSetup): RunRecord[] {
  return records.filter((record) => record.kind === kind && record.failed === undefined);
}

function ratio(
  records: readonly RunRecord[],
  metric: MetricKey,
  subject: ServerSetup,
  baseline: ServerSetup,
): Ratio | undefined {
  const perRun: number[] = [];
  for (const record of ok(records, subject)) {
    const base = ok(records, baseline).find((other) => other.run === record.run);
    const a = record.metrics[metric];
    const b = base?.metrics[metric];
    if (a !== undefined && b !== undefined && b !== 0) perRun.push(a / b);
  }
  const range = spread(perRun);
  return range ? { median: median(perRun), ...range, runs: perRun.length } : undefined;
}

export function summarise(result: ScenarioResult): ScenarioSummary {
  const kinds = SERVER_SETUPS.filter((kind) => result.records.some((record) => record.kind === kind));
  const pairs = RATIO_PAIRS.filter((pair) => kinds.includes(pair.subject) && kinds.includes(pair.baseline));
  const figures = result.figures.map((metric): FigureSummary => {
    const medians: Partial<Record<ServerSetup, number>> = {};
    for (const kind of kinds) {
      const values = ok(result.records, kind)
        .map((record) => record.metrics[metric])
        .filter((value): value is number => value !== undefined);
      if (values.length > 0) medians[kind] = median(values);
    }
    const ratios: Partial<Record<RatioKey, Ratio>> = {};
    for (const pair of pairs) {
      const r = ratio(result.records, metric, pair.subject, pair.baseline);
      if (r) ratios[pair.key] = r;
    }
    return { metric, medians, ratios };
  });
  const notes = result.records.flatMap((record) => [
    ...(record.failed ? [`${SETUP_LABELS[record.kind]} run ${record.run}: ${record.failed}`] : []),
    ...record.notes.map((note) => `${SETUP_LABELS[record.kind]} run ${record.run}: ${note}`),
  ]);
  return {
    name: result.name,
    title: result.title,
    description: result.description,
    figures,
    kinds,
    pairs,
    notes,
  };
}
