/** ioredis error names that mean the command never got an answer from a working Redis. */
const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

/** Socket error codes of a Redis that cannot be reached or dropped the connection. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ENOTCONN',
]);

/** Replies of a Redis that is up but cannot serve now (replica, still loading, failing over, busy script). */
const UNAVAILABLE_REPLIES = /^(READONLY|LOADING|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|BUSY)\b/;

/** ioredis' own messages for a command that was not sent or not answered. */
const UNAVAILABLE_MESSAGES =
  /^(Connection is closed\.?|Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes is available|Command timed out|Stream isn't writeable|Connection in subscriber mode, only subscriber commands may be used|Reached the max retries per request limit)/;

/**
 * Whether an error from a Redis command means Redis is unavailable (the command was not applied, or may not have
 * been, because Redis could not be reached or could not serve), as opposed to a bug in the command. Those become
 * `StoreUnavailableError`: degraded mode or `UNAVAILABLE`, never `INTERNAL`.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNAVAILABLE_NAMES.has(error.name)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return UNAVAILABLE_REPLIES.test(error.message) || UNAVAILABLE_MESSAGES.test(error.message);
}
