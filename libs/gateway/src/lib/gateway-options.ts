import type { NestInterceptor, Type } from '@nestjs/common';
import { DEFAULT_IDEMPOTENCY_LIMITS, type IdempotencyLimits } from './acks/idempotency.store';
import { DEFAULT_SEND_BUDGET, type SendBudget } from './backpressure/send-backlog';
import { DEFAULT_HISTORY_LIMITS, type HistoryLimits } from './history/room-history';
import type { RedisTarget } from './redis/redis-target';
import type { ReplicaAcksOptions } from './redis/replica-acks';

/** Options of `PulseGatewayModule.forRoot`. */
export interface GatewayOptions {
  /** How often the server pings each socket; a socket that has not answered by the next round is terminated. @default 30000 */
  heartbeatIntervalMs: number;
  /** Largest inbound frame; a larger one closes the socket with 1009. @default 65536 */
  maxPayloadBytes: number;
  /** The send-buffer budget of each native socket (slow consumers). */
  sendBudget: SendBudget;
  /** Limits of each room's event log, which resuming clients replay from. */
  history: HistoryLimits;
  /** How long, and how many, message ids are remembered per user to apply resends at most once. */
  idempotency: IdempotencyLimits;
  /**
   * The interceptor applied to every gateway handler (provided as `HEARTBEAT_INTERCEPTOR`, applied as an
   * `APP_INTERCEPTOR`) that counts a handled message as a sign of life. Extend `BeforeHandleInterceptor` to keep
   * the synchronous path. @default HeartbeatInterceptor
   */
  heartbeatInterceptor?: Type<NestInterceptor>;
  /** Share fan-out (and, through `REDIS_CLIENTS`, other state) with other nodes. @default undefined (one node, in memory) */
  redis?: {
    /** One primary, a Redis Cluster, or a primary found through Sentinel. */
    target: RedisTarget;
    /** Redis Cluster sharded pub/sub (`SPUBLISH`/`SSUBSCRIBE`). @default false */
    shardedPubSub: boolean;
    /** Replicas a room event waits for (`WAIT`) before it is acknowledged. @default DEFAULT_REPLICA_ACKS */
    replicaAcks?: ReplicaAcksOptions;
  };
}

export const GATEWAY_OPTIONS = Symbol('PULSE_GATEWAY_OPTIONS');

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  heartbeatIntervalMs: 30_000,
  maxPayloadBytes: 65_536,
  history: DEFAULT_HISTORY_LIMITS,
  sendBudget: DEFAULT_SEND_BUDGET,
  idempotency: DEFAULT_IDEMPOTENCY_LIMITS,
};
