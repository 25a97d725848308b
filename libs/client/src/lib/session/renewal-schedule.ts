/** Renew at most this long before the access token expires. */
export const RENEW_AHEAD_MS = 60_000;
/** Never renew sooner than this after getting a token. */
const MIN_DELAY_MS = 1_000;

/**
 * How long after receiving an access token that lives `expiresInSeconds` to renew it: a minute before it expires,
 * or at three quarters of its life when it lives less than four minutes, so the socket's `reauth` never meets an
 * expired token and a slow refresh still lands in time.
 */
export function renewDelayMs(expiresInSeconds: number): number {
  const lifetimeMs = Math.max(0, expiresInSeconds) * 1000;
  return Math.max(MIN_DELAY_MS, lifetimeMs - Math.min(RENEW_AHEAD_MS, lifetimeMs / 4));
}
