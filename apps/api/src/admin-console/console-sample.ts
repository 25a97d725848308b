import type { ConsoleRoomFigure, ConsoleSampleMessage } from '@pulse/protocol';
import { histogramQuantile, type CumulativeBucket } from './histogram-quantile';
import type { MetricReading } from './metric-reading';

export interface SampleContext {
  readonly node: string;
  /** Whether the node runs with Redis (without it, the sample's `redis` is null). */
  readonly redis: boolean;
  /** The node's busiest rooms, already cut to what a sample may carry. */
  readonly rooms: readonly ConsoleRoomFigure[];
}

/**
 * What happened between two readings, as the console shows it: rates per second, the interval's fan-out percentiles
 * (from the difference of the cumulative buckets), and the counts of refusals and closes in the interval. A counter
 * that went down (a reset) counts from zero.
 */
export function consoleSample(
  previous: MetricReading,
  current: MetricReading,
  context: SampleContext,
): ConsoleSampleMessage {
  const intervalSeconds = Math.max(0.001, (current.at - previous.at) / 1000);
  const fanoutBuckets = bucketDeltas(previous.fanoutBuckets, current.fanoutBuckets);
  const fanouts = fanoutBuckets.at(-1)?.count ?? 0;
  const percentile = (q: number) => histogramQuantile(q, fanoutBuckets) ?? 0;
  return {
    type: 'console-sample',
    node: context.node,
    at: Math.round(current.at),
    intervalSeconds,
    connections: { ws: current.connections['ws'] ?? 0, 'socket.io': current.connections['socket.io'] ?? 0 },
    roomCount: current.rooms,
    memberCount: current.members,
    rooms: [...context.rooms],
    messagesInPerSecond: delta(previous.messagesIn, current.messagesIn) / intervalSeconds,
    messagesOutPerSecond: delta(previous.deliveries, current.deliveries) / intervalSeconds,
    fanout:
      fanouts > 0
        ? {
            p50: percentile(0.5),
            p95: percentile(0.95),
            p99: percentile(0.99),
            perSecond: fanouts / intervalSeconds,
          }
        : null,
    redis: context.redis
      ? { up: current.redisUp, lagSeconds: current.redisProbes > 0 ? current.redisLastLagSeconds : null }
      : null,
    refusedUpgrades: countDeltas(previous.refusedUpgrades, current.refusedUpgrades),
    closes: countDeltas(previous.closes, current.closes),
  };
}

function delta(before: number, after: number): number {
  return after >= before ? after - before : after;
}

function countDeltas(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [label, total] of Object.entries(after)) {
    const count = delta(before[label] ?? 0, total);
    if (count > 0) counts[label] = count;
  }
  return counts;
}

function bucketDeltas(
  before: readonly CumulativeBucket[],
  after: readonly CumulativeBucket[],
): CumulativeBucket[] {
  const earlier = new Map(before.map((bucket) => [bucket.le, bucket.count]));
  const reset = after.some((bucket) => bucket.count < (earlier.get(bucket.le) ?? 0));
  return after.map((bucket) => ({
    le: bucket.le,
    count: reset ? bucket.count : bucket.count - (earlier.get(bucket.le) ?? 0),
  }));
}
