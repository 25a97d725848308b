import type { Registry } from 'prom-client';
import type { CumulativeBucket } from './histogram-quantile';

/** The figures of `GET /metrics` the console shows, read at one moment. Counters are totals since boot. */
export interface MetricReading {
  /** Milliseconds since the Unix epoch. */
  readonly at: number;
  readonly messagesIn: number;
  readonly deliveries: number;
  readonly refusedUpgrades: Readonly<Record<string, number>>;
  readonly closes: Readonly<Record<string, number>>;
  readonly fanoutBuckets: readonly CumulativeBucket[];
  readonly connections: Readonly<Record<string, number>>;
  readonly rooms: number;
  readonly members: number;
  readonly redisUp: boolean;
  /** Probes answered or timed out since boot; the last lag means nothing while it is 0. */
  readonly redisProbes: number;
  readonly redisLastLagSeconds: number;
}

/** The metric families read, by the name `GET /metrics` exposes them under. */
export const CONSOLE_METRICS = {
  messagesIn: 'pulse_messages_in_total',
  deliveries: 'pulse_deliveries_total',
  refusedUpgrades: 'pulse_upgrades_refused_total',
  closes: 'pulse_closes_total',
  fanout: 'pulse_fanout_seconds',
  connections: 'pulse_connections',
  rooms: 'pulse_rooms',
  members: 'pulse_room_members',
  redisUp: 'pulse_redis_up',
  redisLag: 'pulse_redis_pubsub_lag_seconds',
  redisProbeTimeouts: 'pulse_redis_pubsub_probe_timeouts_total',
  redisLastLag: 'pulse_redis_pubsub_last_lag_seconds',
} as const;

interface Sample {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
  readonly metricName?: string;
}

/** Reads the console's figures from the registry `GET /metrics` renders, through the same collect hooks a scrape runs. */
export async function readMetrics(registry: Registry, now: number): Promise<MetricReading> {
  const samples = async (name: string): Promise<readonly Sample[]> => {
    const metric = registry.getSingleMetric(name);
    return metric ? ((await metric.get()).values as Sample[]) : [];
  };
  const [
    messagesIn,
    deliveries,
    refused,
    closes,
    fanout,
    connections,
    rooms,
    members,
    redisUp,
    redisLag,
    timeouts,
    lastLag,
  ] = await Promise.all(Object.values(CONSOLE_METRICS).map(samples));
  const lagCount =
    redisLag.find((sample) => sample.metricName === `${CONSOLE_METRICS.redisLag}_count`)?.value ?? 0;
  return {
    at: now,
    messagesIn: sum(messagesIn),
    deliveries: sum(deliveries),
    refusedUpgrades: byLabel(refused, 'reason'),
    closes: byLabel(closes, 'code'),
    fanoutBuckets: fanout
      .filter((sample) => sample.metricName === `${CONSOLE_METRICS.fanout}_bucket`)
      .map((sample) => ({
        le: sample.labels['le'] === '+Inf' ? Infinity : Number(sample.labels['le']),
        count: sample.value,
      })),
    connections: byLabel(connections, 'transport'),
    rooms: sum(rooms),
    members: sum(members),
    redisUp: sum(redisUp) === 1,
    redisProbes: lagCount + sum(timeouts),
    redisLastLagSeconds: sum(lastLag),
  };
}

function sum(samples: readonly Sample[]): number {
  return samples.reduce((total, sample) => total + sample.value, 0);
}

function byLabel(samples: readonly Sample[], label: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of samples) {
    const key = String(sample.labels[label] ?? '');
    counts[key] = (counts[key] ?? 0) + sample.value;
  }
  return counts;
}
