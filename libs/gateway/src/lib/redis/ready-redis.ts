import type { RedisClient } from './redis-target';
import { isRedisUnavailable } from './redis-unavailable';
import { StoreUnavailableError } from './store-unavailable.error';

/** Throws `StoreUnavailableError` unless the client is connected and ready. */
export function requireReady(redis: RedisClient): void {
  if (redis.status !== 'ready') throw new StoreUnavailableError(`redis ${redis.status}`);
}

/**
 * Runs a command against a Redis that must be ready: one that is not (before the command, or by the time it
 * failed), or a failure that says Redis could not serve it (connection closed, retries exhausted, `READONLY`,
 * `LOADING`, a timeout: see `isRedisUnavailable`), is reported as `StoreUnavailableError` (degraded mode, or an
 * `UNAVAILABLE` error to the sender); other failures pass. The client's status can still read `ready` for a moment
 * after the socket died, so the error itself is classified too.
 */
export async function whileReady<T>(redis: RedisClient, command: () => Promise<T>): Promise<T> {
  requireReady(redis);
  try {
    return await command();
  } catch (error) {
    requireReady(redis);
    if (isRedisUnavailable(error)) throw new StoreUnavailableError((error as Error).message);
    throw error;
  }
}
