import type { AddressInfo } from 'node:net';

/** What a baseline server reads from its environment, read once at start. */
export interface BaselineEnv {
  /** @default 0 (a free port) */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Server ping interval; a socket silent for a whole interval is dropped. @default 30000 */
  heartbeatMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function readBaselineEnv(env: NodeJS.ProcessEnv = process.env): BaselineEnv {
  return {
    port: integer(env, 'PORT', 0),
    host: env['HOST'] || '127.0.0.1',
    heartbeatMs: integer(env, 'HEARTBEAT_INTERVAL_MS', 30_000),
  };
}

/** Prints the line the bench waits for (the same shape as Pulse's). */
export function announceListening(name: string, address: AddressInfo | string | null): void {
  if (!address || typeof address === 'string') throw new Error(`${name}: not listening on a TCP port`);
  process.stdout.write(`${name} listening on http://${address.address}:${address.port}\n`);
}
