import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CloseCode, type ClusterNode } from '@pulse/protocol';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConnectionRegistry } from '../connection/connection-registry';
import { drainCloseReason } from '../drain/drain.service';
import { REDIS_CLIENTS, type RedisClients } from '../redis/redis-clients';
import type { RedisClient } from '../redis/redis-target';

/** How often a node renews its liveness record. */
export const NODE_BEAT_INTERVAL_MS = 1000;
/** A node whose record is this old is gone: the survivors take its connections offline. */
export const NODE_RECORD_TTL_MS = 3000;

/** Every node's id, scored by its last beat: which records to look at (each record has a slot of its own). */
export const NODES_KEY = 'pulse:nodes';
/**
 * A lapsed node stays listed this long, so that every survivor sees it lapse and runs its own cleanup (collab's
 * cursors live in each node's memory); then the first beat past it drops it.
 */
export const NODE_FORGET_MS = 60_000;

/** A survivor's cleanup of a node that died; it must be idempotent (several survivors run it). */
export type NodeGoneListener = (nodeId: string) => Promise<void> | void;

/** A survey still running after this long is taken as stuck (a reply that never came): the next beat starts one. */
export const SURVEY_STUCK_MS = 10_000;

/** A node presumed dead comes back to its players spread over this long (see `nodePresumedDeadKey`). */
export const REVIVED_RECONNECT_SPREAD_MS = 3000;

export function nodeRecordKey(nodeId: string): string {
  return `pulse:node:{n:${nodeId}}`;
}

/**
 * Written by a survivor before it takes a lapsed node's connections offline. A node that was only stalled (an
 * event loop blocked past `NODE_RECORD_TTL_MS`) finds it on its next beat and closes its connections with 1012:
 * the others saw its players leave, so they come back through a resume and everyone agrees again. A Redis outage
 * writes none (no survivor could clean up), so it costs nobody a reconnect.
 */
export function nodePresumedDeadKey(nodeId: string): string {
  return `pulse:node:{n:${nodeId}}:presumed-dead`;
}

/**
 * The one node liveness of the app, apart from client heartbeats: each node renews a short-lived record in Redis
 * every second; a record that lapsed means its node died, and `onNodeGone` listeners (the game's presence, collab's
 * cursors) run once on every survivor (shared cleanups must be idempotent: several survivors run them). Without Redis there is one node and nothing to watch.
 */
@Injectable()
export class NodeLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly nodeId = randomUUID();
  readonly startedAt = new Date().toISOString();
  /** Where this node runs; the app sets the port once it listens. */
  address = hostname();
  private readonly log = new Logger('NodeLiveness');
  private readonly goneListeners: NodeGoneListener[] = [];
  private readonly handled = new Set<string>();
  /** Cleanups of a lapsed node that failed, run again next round. */
  private readonly pendingCleanups = new Map<string, NodeGoneListener[]>();
  private timer?: NodeJS.Timeout;
  /** When the running survey started, or null: one at a time, unless one is stuck (see `SURVEY_STUCK_MS`). */
  private surveyingSince: number | null = null;
  private surveyFailing = false;
  private liveCount = 1;

  constructor(
    @Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null,
    private readonly connections: ConnectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.redis) return;
    void this.beat();
    this.timer = setInterval(() => void this.beat(), NODE_BEAT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    const redis = this.redis?.command;
    if (redis?.status !== 'ready') return;
    await Promise.all([redis.del(nodeRecordKey(this.nodeId)), redis.zrem(NODES_KEY, this.nodeId)]).catch(
      () => undefined,
    );
  }

  /** Called on every survivor, once per node, when a node's record lapsed. */
  onNodeGone(listener: NodeGoneListener): void {
    this.goneListeners.push(listener);
  }

  /** The nodes whose record is current (with Redis), or this node alone. */
  async nodes(): Promise<ClusterNode[]> {
    if (!this.redis) return [this.record()];
    const redis = this.redis.command;
    const ids = await redis.zrange(NODES_KEY, '0', '-1');
    const records = await Promise.all(ids.map((id) => redis.get(nodeRecordKey(id))));
    return records.flatMap((raw) => (raw ? [JSON.parse(raw) as ClusterNode] : []));
  }

  /** How many nodes were alive at the last round. */
  get clusterSize(): number {
    return this.liveCount;
  }

  private record(): ClusterNode {
    return {
      id: this.nodeId,
      address: this.address,
      startedAt: this.startedAt,
      connections: this.connections.size,
      lastSeenAt: new Date().toISOString(),
    };
  }

  /**
   * Renews this node's record every beat, whatever else is running: a survey that waits on a slow cleanup (a dead
   * node with many players) must not let this node's own record lapse, or the others would presume it dead too.
   */
  private async beat(): Promise<void> {
    const redis = this.redis?.command;
    if (!redis || redis.status !== 'ready') return;
    try {
      await redis.set(nodeRecordKey(this.nodeId), JSON.stringify(this.record()), 'PX', NODE_RECORD_TTL_MS);
      if (await redis.getdel(nodePresumedDeadKey(this.nodeId))) this.revive();
    } catch (error) {
      this.log.debug(`liveness record not renewed: ${(error as Error).message}`);
      return;
    }
    const since = this.surveyingSince;
    if (since !== null) {
      if (Date.now() - since < SURVEY_STUCK_MS) return;
      this.log.warn(`a liveness survey has not answered for ${Date.now() - since} ms: starting another`);
    }
    const started = Date.now();
    this.surveyingSince = started;
    try {
      await this.survey(redis);
      if (this.surveyFailing) this.log.log('liveness surveys work again');
      this.surveyFailing = false;
    } catch (error) {
      // Once per failing stretch: a survey that keeps failing means dead nodes' players stay online.
      if (!this.surveyFailing)
        this.log.warn(`liveness survey failed (retried every beat): ${(error as Error).message}`);
      this.surveyFailing = true;
    } finally {
      if (this.surveyingSince === started) this.surveyingSince = null;
    }
  }

  /** Lists this node, then looks for records that lapsed and cleans up after their nodes. One survey at a time. */
  private async survey(redis: RedisClient): Promise<void> {
    await redis.zadd(NODES_KEY, Date.now(), this.nodeId);
    await redis.zremrangebyscore(NODES_KEY, '-inf', String(Date.now() - NODE_FORGET_MS));
    const ids = await redis.zrange(NODES_KEY, '0', '-1');
    for (const id of this.handled) if (!ids.includes(id)) this.handled.delete(id);
    for (const id of this.pendingCleanups.keys()) if (!ids.includes(id)) this.pendingCleanups.delete(id);
    const alive = await Promise.all(ids.map((id) => redis.exists(nodeRecordKey(id))));
    this.liveCount = alive.filter(Boolean).length;
    for (const [i, id] of ids.entries()) {
      if (alive[i]) {
        this.handled.delete(id);
        this.pendingCleanups.delete(id);
      } else if (id !== this.nodeId) await this.gone(id);
    }
  }

  /** The survivors took this node's connections offline while it was stalled: they reconnect and resume. */
  private revive(): void {
    const connections = [...this.connections.values()];
    this.log.warn(
      `this node was presumed dead (no beat for ${NODE_RECORD_TTL_MS} ms): ${connections.length} connection(s) reconnect`,
    );
    for (const connection of connections)
      connection.close(
        CloseCode.SERVICE_RESTART,
        drainCloseReason(Math.round(Math.random() * REVIVED_RECONNECT_SPREAD_MS)),
      );
  }

  /**
   * Runs the cleanups of a node that lapsed. One that fails (Redis busy or failing over) is run again next round:
   * until every cleanup of that node succeeded, its players would stay online for good.
   */
  private async gone(nodeId: string): Promise<void> {
    if (this.handled.has(nodeId)) return;
    const pending = this.pendingCleanups.get(nodeId) ?? [...this.goneListeners];
    if (!this.pendingCleanups.has(nodeId)) {
      this.log.warn(`node ${nodeId} stopped renewing its liveness record: taking its connections offline`);
      await this.redis?.command.set(nodePresumedDeadKey(nodeId), this.nodeId, 'PX', NODE_FORGET_MS);
    }
    const failed: NodeGoneListener[] = [];
    for (const listener of pending) {
      try {
        await listener(nodeId);
      } catch (error) {
        failed.push(listener);
        this.log.warn(`cleanup of node ${nodeId} failed, retried next round: ${(error as Error).message}`);
      }
    }
    if (failed.length > 0) {
      this.pendingCleanups.set(nodeId, failed);
      return;
    }
    this.pendingCleanups.delete(nodeId);
    this.handled.add(nodeId);
  }
}
