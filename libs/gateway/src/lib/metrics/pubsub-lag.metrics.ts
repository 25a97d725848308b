import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PubSubLagObserver } from '../fanout/pubsub-lag.probe';

/** From a loopback Redis (tens of microseconds) to a stalled one (the probe's timeout is 2.5 s). */
export const PUBSUB_LAG_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** The pub/sub lag probe's figures (registered only on nodes with Redis). */
export class PubSubLagMetrics implements PubSubLagObserver {
  readonly lagSeconds: Histogram;
  readonly lastLagSeconds: Gauge;
  readonly probeTimeouts: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.lagSeconds = new Histogram({
      name: 'pulse_redis_pubsub_lag_seconds',
      help: 'Time for a probe published to Redis to come back to this node on the subscriber connection that carries room events',
      buckets: PUBSUB_LAG_BUCKETS,
      registers,
    });
    this.lastLagSeconds = new Gauge({
      name: 'pulse_redis_pubsub_last_lag_seconds',
      help: 'The latest probe round trip; the probe timeout when the latest probe was lost',
      registers,
    });
    this.probeTimeouts = new Counter({
      name: 'pulse_redis_pubsub_probe_timeouts_total',
      help: 'Probes that did not come back within the timeout (Redis stalled or unreachable)',
      registers,
    });
  }

  lag(seconds: number): void {
    this.lagSeconds.observe(seconds);
    this.lastLagSeconds.set(seconds);
  }

  timeout(timeoutSeconds: number): void {
    this.probeTimeouts.inc();
    this.lastLagSeconds.set(timeoutSeconds);
  }
}
