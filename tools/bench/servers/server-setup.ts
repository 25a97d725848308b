import { isServerKind, SERVER_KINDS, SERVER_LABELS, type ServerKind } from './server-kind';

/**
 * Pulse set-ups over a private Redis (`REDIS_URL` set on every node): one node, to compare like with like,
 * and two nodes sharing it, with clients spread over both.
 */
const REDIS_SETUPS = {
  'pulse-redis': { kind: 'pulse', nodes: 1, label: 'Pulse, 1 node + Redis' },
  'pulse-2n-redis': { kind: 'pulse', nodes: 2, label: 'Pulse, 2 nodes + Redis' },
  'pulse-2n-cluster': { kind: 'pulse', nodes: 2, label: 'Pulse, 2 nodes + 3-primary Redis Cluster' },
} as const satisfies Record<string, { kind: ServerKind; nodes: number; label: string }>;

type RedisSetup = keyof typeof REDIS_SETUPS;

/** Pulse, one node in memory, with every client asking for per-tick batching at 30 Hz (the SDK's `batchHz`). */
const BATCHED_SETUP = 'pulse-batch30';
const BATCH_HZ = 30;

/** Pulse, one node in memory, with every client negotiating the MessagePack encoding (`pulse.v1.msgpack`). */
const MSGPACK_SETUP = 'pulse-msgpack';

/**
 * Pulse, one node in memory, started from a second build given with `--compare-pulse PATH` (another checkout's
 * `dist/apps/api/apps/api/src/main.js`): the same env, pinning and rounds as `pulse`, to compare two builds in one run.
 */
const COMPARE_SETUP = 'pulse-compare';

/**
 * What one run measures: a server kind on one node, in memory (the kinds themselves), or one of the Redis set-ups.
 * Reports compare set-ups; clients speak to each set-up as they speak to its kind.
 */
export const SERVER_SETUPS = [
  ...SERVER_KINDS,
  COMPARE_SETUP,
  ...(Object.keys(REDIS_SETUPS) as RedisSetup[]),
  BATCHED_SETUP,
  MSGPACK_SETUP,
] as const;
export type ServerSetup =
  ServerKind | RedisSetup | typeof BATCHED_SETUP | typeof MSGPACK_SETUP | typeof COMPARE_SETUP;

export interface SetupSpec {
  /** The server program, and how clients connect to it. */
  kind: ServerKind;
  /** Node processes. */
  nodes: number;
  /** Whether the nodes share a private redis-server, whose CPU then counts as theirs. */
  redis: boolean;
  /** Whether that Redis is a private 3-primary Redis Cluster (`REDIS_CLUSTER_NODES`) instead of one server. */
  redisCluster: boolean;
  /** Per-tick batching the clients ask for; 0 = off. */
  batchHz: number;
  /** How native WebSocket clients ask for messages: JSON text frames, or MessagePack binary frames. */
  encoding: 'json' | 'msgpack';
  /** Whether the nodes run the second Pulse build (`--compare-pulse`) instead of this workspace's. */
  compare: boolean;
}

export function setupSpec(setup: ServerSetup): SetupSpec {
  const plain = {
    nodes: 1,
    redis: false,
    redisCluster: false,
    batchHz: 0,
    encoding: 'json',
    compare: false,
  } as const;
  if (isServerKind(setup)) return { ...plain, kind: setup };
  if (setup === BATCHED_SETUP) return { ...plain, kind: 'pulse', batchHz: BATCH_HZ };
  if (setup === MSGPACK_SETUP) return { ...plain, kind: 'pulse', encoding: 'msgpack' };
  if (setup === COMPARE_SETUP) return { ...plain, kind: 'pulse', compare: true };
  const { kind, nodes } = REDIS_SETUPS[setup];
  return { ...plain, kind, nodes, redis: true, redisCluster: setup === 'pulse-2n-cluster' };
}

export const SETUP_LABELS: Record<ServerSetup, string> = {
  ...SERVER_LABELS,
  'pulse-redis': REDIS_SETUPS['pulse-redis'].label,
  'pulse-2n-redis': REDIS_SETUPS['pulse-2n-redis'].label,
  'pulse-2n-cluster': REDIS_SETUPS['pulse-2n-cluster'].label,
  [BATCHED_SETUP]: `Pulse, batching at ${BATCH_HZ} Hz`,
  [MSGPACK_SETUP]: 'Pulse, MessagePack',
  [COMPARE_SETUP]: 'Pulse (compare)',
};

export function isServerSetup(value: string): value is ServerSetup {
  return (SERVER_SETUPS as readonly string[]).includes(value);
}

/** A scenario's own set-ups with `pulse-compare` right after `pulse` (a scenario without `pulse` is left as it is). */
export function withPulseCompare(setups: readonly ServerSetup[]): ServerSetup[] {
  if (setups.includes(COMPARE_SETUP)) return [...setups];
  return setups.flatMap((setup): ServerSetup[] => (setup === 'pulse' ? [setup, COMPARE_SETUP] : [setup]));
}
