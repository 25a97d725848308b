import type { Redis } from 'ioredis';
import { StoreUnavailableError } from './store-unavailable.error';

/** Throws `StoreUnavailableError` unless the client is connected and ready. */
export function requireReady(redis: Redis): void {
  if (redis.status !== 'ready') throw new StoreUnavailableError(`redis ${redis.status}`);
}

/**
 * Runs a command against a Redis that must be ready: one that is not (before the command, or by the time it
 * failed) is reported as `StoreUnavailableError` (an `UNAVAILABLE` error to the sender); other failures pass.
 */
export async function whileReady<T>(redis: Redis, command: () => Promise<T>): Promise<T> {
  requireReady(redis);
  try {
    return await command();
  } catch (error) {
    requireReady(redis);
    throw error;
  }
}
