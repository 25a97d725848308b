import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Where the node's Redis is: one primary (`REDIS_URL`), a Redis Cluster found from seed nodes
 * (`REDIS_CLUSTER_NODES`), or a primary found through Sentinel (`REDIS_SENTINELS`, `REDIS_SENTINEL_NAME`).
 */
export type RedisTarget =
  | { readonly kind: 'primary'; readonly url: string }
  | { readonly kind: 'cluster'; readonly nodes: readonly RedisAddress[] }
  | { readonly kind: 'sentinel'; readonly sentinels: readonly RedisAddress[]; readonly name: string };

/** A client of any target: the stores only use commands both have. */
export type RedisClient = Redis | Cluster;

/** What a connection is for: `command` fails fast while Redis is away, `subscriber` and `extra` wait for it. */
export type RedisClientRole = 'command' | 'subscriber' | 'extra';

const retryStrategy = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 5000);

function roleOptions(role: RedisClientRole): RedisOptions {
  if (role === 'command') return { enableOfflineQueue: false, maxRetriesPerRequest: 1 };
  return { maxRetriesPerRequest: null };
}

/**
 * The one place the app makes a Redis connection. A cluster client follows MOVED/ASK redirections and
 * failovers by itself; a sentinel client asks the sentinels for the current primary on every reconnect.
 */
export function createRedisClient(
  target: RedisTarget,
  role: RedisClientRole,
  options: { lazyConnect?: boolean; shardedSubscribers?: boolean } = {},
): RedisClient {
  const lazyConnect = options.lazyConnect ?? true;
  if (target.kind === 'primary')
    return new Redis(target.url, { ...roleOptions(role), retryStrategy, lazyConnect });
  if (target.kind === 'sentinel') {
    return new Redis({
      ...roleOptions(role),
      sentinels: target.sentinels.map(({ host, port }) => ({ host, port })),
      name: target.name,
      retryStrategy,
      sentinelRetryStrategy: retryStrategy,
      // After a failover the old primary may answer as a replica for a moment: reconnect to the new one.
      reconnectOnError: (error) => error.message.startsWith('READONLY'),
      lazyConnect,
    });
  }
  const command = role === 'command';
  const clusterOptions: ClusterOptions = {
    lazyConnect,
    enableOfflineQueue: !command,
    clusterRetryStrategy: retryStrategy,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    // The slot map is otherwise refreshed only on MOVED or a lost connection: this finds a promoted replica, and
    // drops a failed one (which a write would wait for, see ReplicaAcks), within a few seconds regardless.
    slotsRefreshInterval: 2000,
    shardedSubscribers: options.shardedSubscribers ?? false,
    redisOptions: { maxRetriesPerRequest: command ? 1 : null },
  };
  return new Cluster(
    target.nodes.map(({ host, port }) => ({ host, port })),
    clusterOptions,
  );
}

/** `host:port,host:port`: the addresses, or the first entry that is not one. */
export function parseRedisAddresses(list: string): { addresses: RedisAddress[] } | { invalid: string } {
  const addresses: RedisAddress[] = [];
  for (const entry of list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) return { invalid: entry };
    addresses.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return addresses.length > 0 ? { addresses } : { invalid: list };
}

/** Whether a client is a Redis Cluster client. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}
