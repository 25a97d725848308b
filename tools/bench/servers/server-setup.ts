import { isServerKind, SERVER_KINDS, SERVER_LABELS, type ServerKind } from './server-kind';

/**
 * Pulse set-ups over a private Redis (`REDIS_URL` set on every node): one node, to compare like with like,
 * and two nodes sharing it, with clients spread over both.
 */
const REDIS_SETUPS = {
  'pulse-redis': { kind: 'pulse', nodes: 1, label: 'Pulse, 1 node + Redis' },
  'pulse-2n-redis': { kind: 'pulse', nodes: 2, label: 'Pulse, 2 nodes + Redis' },
} as const satisfies Record<string, { kind: ServerKind; nodes: number; label: string }>;

type RedisSetup = keyof typeof REDIS_SETUPS;

/** Pulse, one node in memory, with every client asking for per-tick batching at 30 Hz (the SDK's `batchHz`). */
const BATCHED_SETUP = 'pulse-batch30';
const BATCH_HZ = 30;

/**
 * What one run measures: a server kind on one node, in memory (the kinds themselves), or one of the Redis set-ups.
 * Reports compare set-ups; clients speak to each set-up as they speak to its kind.
 */
export const SERVER_SETUPS = [...SERVER_KINDS, ...(Object.keys(REDIS_SETUPS) as RedisSetup[]), BATCHED_SETUP] as const;
export type ServerSetup = ServerKind | RedisSetup | typeof BATCHED_SETUP;

export interface SetupSpec {
  /** The server program, and how clients connect to it. */
  kind: ServerKind;
  /** Node processes. */
  nodes: number;
  /** Whether the nodes share a private redis-server, whose CPU then counts as theirs. */
  redis: boolean;
  /** Per-tick batching the clients ask for; 0 = off. */
  batchHz: number;
}

export function setupSpec(setup: ServerSetup): SetupSpec {
  if (isServerKind(setup)) return { kind: setup, nodes: 1, redis: false, batchHz: 0 };
  if (setup === BATCHED_SETUP) return { kind: 'pulse', nodes: 1, redis: false, batchHz: BATCH_HZ };
  const { kind, nodes } = REDIS_SETUPS[setup];
  return { kind, nodes, redis: true, batchHz: 0 };
}

export const SETUP_LABELS: Record<ServerSetup, string> = {
  ...SERVER_LABELS,
  'pulse-redis': REDIS_SETUPS['pulse-redis'].label,
  'pulse-2n-redis': REDIS_SETUPS['pulse-2n-redis'].label,
  [BATCHED_SETUP]: `Pulse, batching at ${BATCH_HZ} Hz`,
};

export function isServerSetup(value: string): value is ServerSetup {
  return (SERVER_SETUPS as readonly string[]).includes(value);
}
