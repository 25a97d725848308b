import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RedisClient } from '../redis/redis-target';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** Where a probe's outcome goes (the node's Prometheus metrics). */
export interface PubSubLagObserver {
  /** A probe came back after `seconds`. */
  lag(seconds: number): void;
  /** A probe did not come back within the timeout (Redis stalled, unreachable, or the message was lost). */
  timeout(timeoutSeconds: number): void;
}

export interface PubSubLagProbeOptions {
  /** How often a probe is published. @default 5000 */
  intervalMs: number;
  /** How long a probe may take to come back before it counts as lost; capped at `intervalMs`. @default 2500 */
  timeoutMs: number;
  /** Sharded pub/sub (`SPUBLISH`/`SSUBSCRIBE`), like the room bus. @default false */
  sharded: boolean;
}

export const DEFAULT_PUBSUB_LAG_PROBE_OPTIONS: PubSubLagProbeOptions = {
  intervalMs: 5000,
  timeoutMs: 2500,
  sharded: false,
};

/** A channel of this node's own, hash-tagged like a room's (one Redis Cluster slot); no room is named like it. */
export function probeChannel(nodeId: string): string {
  return `pulse:{probe:${nodeId}}:lag`;
}

/**
 * Measures Redis pub/sub lag without comparing clocks: every `intervalMs` the node publishes a probe on the
 * connection that publishes room events, to a channel of its own that it subscribes to on the connection that
 * receives room events, and times the round trip on its own monotonic clock. The room bus ignores the channel.
 *
 * One probe is in flight at a time. One that has not come back after `timeoutMs` is counted as lost; if it
 * arrives later it is ignored (it was already counted). While Redis is down a probe cannot be sent and is counted
 * as lost too, so every probe ends up in exactly one of the two figures. Timers are unref'd and cleared by `stop`.
 */
export class PubSubLagProbe implements OnApplicationBootstrap, OnModuleDestroy {
  readonly channel: string;
  private readonly log = new Logger('PubSubLagProbe');
  private readonly options: PubSubLagProbeOptions;
  private readonly onMessage = (channel: string, payload: string) => this.receive(channel, payload);
  private interval: NodeJS.Timeout | null = null;
  private pending: { readonly seq: number; readonly timer: NodeJS.Timeout } | null = null;
  private seq = 0;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly observer: PubSubLagObserver,
    options: Partial<PubSubLagProbeOptions> = {},
    nodeId: string = randomUUID(),
  ) {
    const merged = { ...DEFAULT_PUBSUB_LAG_PROBE_OPTIONS, ...options };
    this.options = { ...merged, timeoutMs: Math.min(merged.timeoutMs, merged.intervalMs) };
    this.channel = probeChannel(nodeId);
  }

  get running(): boolean {
    return this.interval !== null;
  }

  /** Subscribes (in the background while Redis is away), sends a first probe once subscribed, then one per interval. */
  start(): void {
    if (this.interval) return;
    this.subscriber.on(this.options.sharded ? 'smessage' : 'message', this.onMessage);
    this.interval = setInterval(() => this.send(), this.options.intervalMs);
    this.interval.unref();
    const subscribed = this.options.sharded
      ? this.subscriber.ssubscribe(this.channel)
      : this.subscriber.subscribe(this.channel);
    subscribed.then(
      () => {
        if (this.running && !this.pending) this.send();
      },
      (error: Error) => this.log.warn(`subscribe ${this.channel}: ${error.message}`),
    );
  }

  /** Stops probing; an unanswered probe is dropped without being counted. Does not wait for Redis. */
  stop(): void {
    if (!this.interval) return;
    clearInterval(this.interval);
    this.interval = null;
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    this.subscriber.off(this.options.sharded ? 'smessage' : 'message', this.onMessage);
    if (this.subscriber.status !== 'ready') return;
    const unsubscribed = this.options.sharded
      ? this.subscriber.sunsubscribe(this.channel)
      : this.subscriber.unsubscribe(this.channel);
    unsubscribed.catch(() => undefined);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private send(): void {
    if (this.pending) this.expire(this.pending.seq);
    const seq = ++this.seq;
    const timer = setTimeout(() => this.expire(seq), this.options.timeoutMs);
    timer.unref();
    this.pending = { seq, timer };
    const payload = `${seq} ${performance.now()}`;
    const published = this.options.sharded
      ? this.publisher.spublish(this.channel, payload)
      : this.publisher.publish(this.channel, payload);
    // A probe that cannot be sent (Redis unreachable) does not come back, and its timer counts it.
    published.catch(() => undefined);
  }

  private expire(seq: number): void {
    if (this.pending?.seq !== seq) return;
    clearTimeout(this.pending.timer);
    this.pending = null;
    this.observer.timeout(this.options.timeoutMs / 1000);
  }

  private receive(channel: string, payload: string): void {
    if (channel !== this.channel || !this.pending) return;
    const space = payload.indexOf(' ');
    const seq = Number(payload.slice(0, space));
    const sentAt = Number(payload.slice(space + 1));
    if (seq !== this.pending.seq || !Number.isFinite(sentAt)) return;
    clearTimeout(this.pending.timer);
    this.pending = null;
    this.observer.lag((performance.now() - sentAt) / 1000);
  }
}
