import { createHash } from 'node:crypto';
import type { ReplicaAcks } from './replica-acks';
import { isCluster, type RedisClient } from './redis-target';
import { withTimeout } from './with-timeout';
import { ReplicaAckTimeoutError, StoreUnavailableError } from './store-unavailable.error';

/** How long a cluster node may take to answer `SCRIPT LOAD` before the load goes on without it. */
const NODE_LOAD_TIMEOUT_MS = 2000;

/**
 * `SCRIPT LOAD` where the runs go: a cluster keeps a script cache per node and does not replicate it, so it is
 * loaded on every node, replicas included (a promoted replica then has it). A node that just died may still be
 * listed, and its connection may hold the command until it comes back: the load skips nodes that are not
 * connected and waits for none longer than `NODE_LOAD_TIMEOUT_MS` (a NOSCRIPT there reloads later).
 */
function loadScript(redis: RedisClient, source: string): Promise<void> {
  if (!isCluster(redis)) return redis.script('LOAD', source).then(() => undefined);
  const loads = redis
    .nodes('all')
    .filter((node) => node.status === 'ready')
    .map((node) =>
      withTimeout(
        node.script('LOAD', source),
        NODE_LOAD_TIMEOUT_MS,
        () => new Error('SCRIPT LOAD timed out'),
      ).catch(() => undefined),
    );
  return Promise.all(loads).then(() => undefined);
}

/**
 * A cluster pipeline follows a redirection only when all its commands met it, and the `WAIT` behind a script never
 * does: a script moved elsewhere was not run, so it is reported unavailable (the sender retries) and the slot map is
 * refreshed for the retry.
 */
function redirected(redis: RedisClient, error: Error): StoreUnavailableError | undefined {
  if (!isCluster(redis) || !/^(MOVED|ASK) /.test(error.message)) return undefined;
  redis.refreshSlotsCache();
  return new StoreUnavailableError(error.message);
}

/** A run waiting for the script to be loaded: sent once it is, in its turn. */
interface WaitingRun {
  readonly keys: readonly string[];
  readonly args: readonly (string | number)[];
  readonly acks: ReplicaAcks | undefined;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** The script on one Redis connection: loaded (runs go straight out) or not, and the runs waiting for its load. */
interface ScriptOnConnection {
  loaded: boolean;
  loading: boolean;
  /** Runs that met NOSCRIPT, in the order they were sent: they go out again first. */
  readonly retries: WaitingRun[];
  /** Runs called while the script was not loaded, in call order: they go out after the retries. */
  readonly waiting: WaitingRun[];
}

/**
 * A Lua script run by its SHA. It is loaded once (`SCRIPT LOAD`) before the first run, and again, once, after Redis
 * forgets it (restart, flush, a failover to a replica). Runs go out in the order they were called: while the script is loaded, at once;
 * while it is being loaded, they wait, and once it is loaded the runs that met NOSCRIPT go out again first (in the
 * order they were sent), then those that waited. So the order in which one connection's messages reach Redis is
 * the order they were sent (a per-call EVAL fallback, or a reload per NOSCRIPT, would let a later call overtake
 * one that is being retried). A load that fails fails the runs waiting for it; the next run loads again.
 */
export class LuaScript {
  private readonly sha: string;
  private readonly connections = new WeakMap<RedisClient, ScriptOnConnection>();

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /**
   * With `acks`, the run resolves only once the replicas it asks for (on the primary that ran it) have its writes:
   * one `WAIT` pipelined behind the EVALSHA. Too few within its timeout rejects with `ReplicaAckTimeoutError`.
   */
  run(
    redis: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
    acks?: ReplicaAcks,
  ): Promise<unknown> {
    const script = this.on(redis);
    if (script.loaded) return this.send(redis, script, { keys, args, acks });
    return new Promise((resolve, reject) => {
      script.waiting.push({ keys, args, acks, resolve, reject });
      this.load(redis, script);
    });
  }

  /** Sends the EVALSHA; one that meets NOSCRIPT waits for the reload and goes out again, before any later run. */
  private send(
    redis: RedisClient,
    script: ScriptOnConnection,
    run: Pick<WaitingRun, 'keys' | 'args' | 'acks'>,
  ): Promise<unknown> {
    return this.evalsha(redis, run).catch((error: unknown) => {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return new Promise((resolve, reject) => {
        script.loaded = false;
        script.retries.push({ ...run, resolve, reject });
        this.load(redis, script);
      });
    });
  }

  /** The EVALSHA, alone or with its `WAIT` in one pipeline (so both reach the primary of the keys' slot). */
  private async evalsha(
    redis: RedisClient,
    { keys, args, acks }: Pick<WaitingRun, 'keys' | 'args' | 'acks'>,
  ): Promise<unknown> {
    const replicas = acks?.replicasFor(redis, keys[0] ?? '') ?? 0;
    if (!acks || replicas === 0) return redis.evalsha(this.sha, keys.length, ...keys, ...args);
    const results = await redis
      .pipeline()
      .evalsha(this.sha, keys.length, ...keys, ...args)
      .wait(replicas, acks.timeoutMs)
      .exec();
    const [[scriptError, result] = [null, null], [waitError, acknowledged] = [null, 0]] = results ?? [];
    if (scriptError) throw redirected(redis, scriptError) ?? scriptError;
    if (waitError) throw waitError;
    if (Number(acknowledged) < replicas)
      throw new ReplicaAckTimeoutError(Number(acknowledged), replicas, acks.timeoutMs);
    return result;
  }

  /**
   * One load at a time per connection. Every EVALSHA sent before it is answered before it (one connection answers
   * in order), so when it is loaded every run that met NOSCRIPT is among the retries.
   */
  private load(redis: RedisClient, script: ScriptOnConnection): void {
    if (script.loading) return;
    script.loading = true;
    const queued = () => script.retries.splice(0).concat(script.waiting.splice(0));
    loadScript(redis, this.source).then(
      () => {
        script.loading = false;
        script.loaded = true;
        for (const run of queued()) this.evalsha(redis, run).then(run.resolve, run.reject);
      },
      (error: unknown) => {
        script.loading = false;
        for (const run of queued()) run.reject(error);
      },
    );
  }

  private on(redis: RedisClient): ScriptOnConnection {
    let script = this.connections.get(redis);
    if (!script) {
      script = { loaded: false, loading: false, retries: [], waiting: [] };
      this.connections.set(redis, script);
    }
    return script;
  }
}
