import { Logger } from '@nestjs/common';
import type { Command } from 'ioredis';
import { createRedisClient, isCluster, type RedisClient, type RedisTarget } from './redis-target';
import { DEFAULT_REPLICA_ACKS, replicaAcks, type ReplicaAcks, type ReplicaAcksOptions } from './replica-acks';
import { withTimeout } from './with-timeout';

/**
 * `reason` is safe to show outside the node (`/readyz`): the connection state and the error's code (`ECONNREFUSED`,
 * `ETIMEDOUT`, ...), never the error's message, which names Redis' address.
 */
export type RedisAvailability =
  { readonly available: true } | { readonly available: false; readonly reason: string };

export interface RedisClientsOptions {
  /** Subscribe with SSUBSCRIBE (a cluster client then keeps one subscriber per master). @default false */
  readonly shardedPubSub?: boolean;
  /** How often a probe command checks that Redis answers (every master of a cluster). @default 1000 */
  readonly probeIntervalMs?: number;
  /** Replicas a room event waits for before it is acknowledged. @default DEFAULT_REPLICA_ACKS */
  readonly replicaAcks?: ReplicaAcksOptions;
}

export class RedisBootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisBootError';
  }
}

/**
 * The node's Redis connections: one for commands (fails fast while Redis is down instead of queueing, so
 * handlers answer at once) and one for subscriptions (ioredis restores them after a reconnect). A probe command
 * runs every second, so a Redis whose socket is open but which does not answer (or a cluster shard that is down)
 * reads as unavailable too. State changes are logged once per transition, never per command.
 */
export class RedisClients {
  readonly command: RedisClient;
  readonly subscriber: RedisClient;
  /** What the room stores pass to their scripts' runs (`LuaScript.run`). */
  readonly replicaAcks: ReplicaAcks;
  /**
   * One primary's replicas online, read at each (re)connect and by the probe (a cluster's replicas come from its
   * slot map). Unknown (0) from a lost connection until read again: after a Sentinel failover the promoted replica
   * has none, and waiting for the old count would refuse every event until the next probe.
   */
  private connectedReplicas = 0;
  private readonly log = new Logger('Redis');
  private lastError = 'connecting';
  /** The last error's code, or a generic word: what `availability()` may show. */
  private lastErrorKind = 'connecting';
  private wasReady = false;
  private probeFailure: string | null = null;
  private probeTimer?: NodeJS.Timeout;

  private readonly extra: RedisClient[] = [];
  private readonly recoveredListeners: Array<() => void> = [];
  private readonly commandErrorListeners: Array<(command: string) => void> = [];
  private readonly counted = new WeakSet<Command>();
  private lost = false;

  constructor(
    readonly target: RedisTarget,
    private readonly options: RedisClientsOptions = {},
  ) {
    this.command = this.watched(createRedisClient(target, 'command'));
    this.subscriber = this.watched(
      createRedisClient(target, 'subscriber', { shardedSubscribers: options.shardedPubSub ?? false }),
    );
    this.command.on('ready', () => {
      // The ready check was a command answered: the connection serves again, without waiting for the next probe.
      this.wasReady = true;
      this.probeFailure = null;
      this.noteHealth(true);
    });
    this.command.on('close', () => {
      this.connectedReplicas = 0;
      this.noteHealth();
    });
    if (!isCluster(this.command))
      this.command.on('ready', () => void this.readReplicas().catch(() => undefined));
    this.replicaAcks = replicaAcks(options.replicaAcks ?? DEFAULT_REPLICA_ACKS, () => this.connectedReplicas);
  }

  get isCluster(): boolean {
    return isCluster(this.command);
  }

  /**
   * Connects both clients; resolves even when Redis is not reachable yet (the node then starts degraded). Rejects
   * with `RedisBootError` when `REDIS_URL` names a node of a Redis Cluster.
   */
  async connect(timeoutMs = 5000): Promise<void> {
    const ready = Promise.all([this.command.connect(), this.subscriber.connect()]).then(() => undefined);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([
      ready.catch((error: Error) => this.log.warn(`Redis not reachable at boot: ${error.message}`)),
      timeout,
    ]);
    if (this.target.kind === 'primary' && this.command.status === 'ready') {
      const info = await this.command.info('cluster').catch(() => '');
      if (/^cluster_enabled:1/m.test(info)) {
        await this.close();
        throw new RedisBootError(
          'REDIS_URL points at a node of a Redis Cluster (cluster_enabled:1): set REDIS_CLUSTER_NODES=host:port,... (its seed nodes) instead of REDIS_URL',
        );
      }
    }
    const interval = this.options.probeIntervalMs ?? 1000;
    this.probeTimer = setInterval(() => void this.probe(interval), interval);
    this.probeTimer.unref();
  }

  /** Called each time Redis comes back after a loss (not at the first connect). */
  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  /** Called with the command's name each time a command fails. */
  onCommandError(listener: (command: string) => void): void {
    this.commandErrorListeners.push(listener);
  }

  availability(): RedisAvailability {
    if (this.command.status !== 'ready' || this.subscriber.status !== 'ready') {
      return { available: false, reason: `redis ${this.command.status}: ${this.lastErrorKind}` };
    }
    if (this.probeFailure) return { available: false, reason: `redis not answering: ${this.probeFailure}` };
    return { available: true };
  }

  /** A further connection (for example for Socket.IO's Redis adapter) that waits for Redis; closed with the rest. */
  createClient(): RedisClient {
    const client = this.watched(
      createRedisClient(this.target, 'extra', {
        lazyConnect: false,
        shardedSubscribers: this.options.shardedPubSub ?? false,
      }),
    );
    this.extra.push(client);
    return client;
  }

  /**
   * Quits every connection. One that is reconnecting gets a moment to come back first: disconnecting it would
   * reject the commands queued on it (Socket.IO's adapter, restored subscriptions) with nobody left to catch them.
   */
  async close(): Promise<void> {
    clearInterval(this.probeTimer);
    await Promise.all(
      [this.command, this.subscriber, ...this.extra].map(async (client) => {
        if (client.status !== 'ready') await readyWithin(client, 1000);
        if (client.status !== 'ready') return client.disconnect();
        await client.quit().catch(() => client.disconnect());
      }),
    );
  }

  /**
   * One PING per primary of a cluster (one `INFO replication` of one primary, which also counts its replicas),
   * answered within the interval, or Redis counts as unavailable until one is.
   */
  private async probe(timeoutMs: number): Promise<void> {
    if (this.command.status !== 'ready') return;
    try {
      if (isCluster(this.command)) {
        const targets = this.command.nodes('master');
        if (targets.length === 0) throw Object.assign(new Error('no primary'), { code: 'NOPRIMARY' });
        await Promise.all(targets.map((node) => withTimeout(node.ping(), timeoutMs, probeTimedOut)));
      } else {
        await withTimeout(this.readReplicas(), timeoutMs, probeTimedOut);
      }
      this.probeFailure = null;
    } catch (error) {
      this.noteError(error as Error);
      this.probeFailure = this.lastErrorKind;
      for (const listener of this.commandErrorListeners) listener('ping');
    }
    this.noteHealth();
  }

  /**
   * One primary's `INFO replication`: an answer, and how many replicas can confirm a write now (`state=online`; one
   * still in its first full sync cannot).
   */
  private async readReplicas(): Promise<void> {
    const info = await this.command.info('replication');
    this.connectedReplicas = info.match(/^slave\d+:.*\bstate=online\b/gm)?.length ?? 0;
  }

  private noteHealth(commandReady = false): void {
    const available = commandReady || this.availability().available;
    if (!available && this.wasReady && !this.lost) {
      this.lost = true;
      this.log.warn(`Redis connection lost (${this.lastError}); serving in degraded mode until it returns`);
    } else if (available && this.lost) {
      this.lost = false;
      this.log.log('Redis is available again');
      for (const listener of this.recoveredListeners) listener();
    }
  }

  private watched(client: RedisClient): RedisClient {
    client.on('error', (error: Error) => this.noteError(error));
    const send = client.sendCommand.bind(client) as (command: Command, ...rest: unknown[]) => unknown;
    (client as { sendCommand: typeof send }).sendCommand = (command: Command, ...rest: unknown[]) => {
      if (!this.counted.has(command)) {
        this.counted.add(command);
        command.promise.catch(() => {
          for (const listener of this.commandErrorListeners) listener(command.name);
        });
      }
      return send(command, ...rest);
    };
    return client;
  }

  private noteError(error: Error): void {
    this.lastError = error.message;
    const code = (error as Error & { code?: unknown }).code;
    const reply = /^([A-Z]{4,20})\b/.exec(error.message)?.[1];
    this.lastErrorKind =
      typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : (reply ?? 'error');
  }
}

export const REDIS_CLIENTS = Symbol('PULSE_REDIS_CLIENTS');

const probeTimedOut = () => Object.assign(new Error('probe timed out'), { code: 'ETIMEDOUT' });

function readyWithin(client: RedisClient, ms: number): Promise<void> {
  if (client.status === 'end' || client.status === 'wait') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once('ready', done);
    function done(): void {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}
