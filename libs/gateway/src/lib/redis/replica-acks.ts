import { Command } from 'ioredis';
import { isCluster, type RedisClient } from './redis-target';

/**
 * How many replicas must hold a room event before it is acknowledged: Redis replicates asynchronously, so an event
 * its primary acknowledged and then lost in a crash would come back from the promoted replica without it.
 */
export interface ReplicaAcks {
  /** The replicas to wait for on the primary that serves `key` now (0: none to wait for). */
  replicasFor(redis: RedisClient, key: string): number;
  /** How long a write waits for them before it is answered `UNAVAILABLE`. */
  readonly timeoutMs: number;
}

export interface ReplicaAcksOptions {
  /** Replicas wanted per write; a primary with fewer replicas waits for the ones it has. @default 1 */
  readonly replicas: number;
  /** @default 500 */
  readonly timeoutMs: number;
}

export const DEFAULT_REPLICA_ACKS: ReplicaAcksOptions = { replicas: 1, timeoutMs: 500 };

/**
 * `wanted` replicas, or as many as the primary has: a cluster's from the client's slot map (`CLUSTER SLOTS` lists
 * the replicas that are not failed), one primary's from `connectedReplicas` (its replicas online, probed).
 */
export function replicaAcks(options: ReplicaAcksOptions, connectedReplicas: () => number): ReplicaAcks {
  return {
    timeoutMs: options.timeoutMs,
    replicasFor(redis, key) {
      if (options.replicas === 0) return 0;
      const available = isCluster(redis)
        ? (redis.slots[new Command('get', [key]).getSlot()]?.length ?? 1) - 1
        : connectedReplicas();
      return Math.max(0, Math.min(options.replicas, available));
    },
  };
}
