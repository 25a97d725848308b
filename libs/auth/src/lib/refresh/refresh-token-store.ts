/** Who a sign-in is for: what a refreshed access token says about the user. */
export interface RefreshSessionUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** One sign-in: the chain of refresh tokens that rotation makes from its first one. */
export interface RefreshSession {
  /** Random, unique per sign-in. */
  readonly id: string;
  readonly user: RefreshSessionUser;
  /** When the user signed in (ms since the epoch), so a revocation after it ends the sign-in. */
  readonly startedAt: number;
}

export type RotateOutcome =
  /** The token was the sign-in's current one: `nextKey` is now, and the old one is spent. */
  | { readonly kind: 'rotated'; readonly session: RefreshSession }
  /** The token had already been rotated: someone replayed it, so the whole sign-in is over. */
  | { readonly kind: 'reused'; readonly session: RefreshSession }
  /** Never issued, expired, or its sign-in ended (signed out, revoked, reused). */
  | { readonly kind: 'unknown' };

/**
 * Where sign-ins and their refresh tokens live. Keys are SHA-256 digests of tokens, never tokens. Every key of a
 * user is found through the user id, so a Redis implementation can keep them in one hash slot.
 *
 * A spent (rotated) token is remembered for the rest of its own lifetime, so presenting it again is noticed.
 * `rotate` is atomic: of two rotations of one token, one gets `rotated`, the other `reused`.
 */
export interface RefreshTokenStore {
  /** Starts a sign-in whose current token is `tokenKey`, for `ttlMs`. */
  start(session: RefreshSession, tokenKey: string, ttlMs: number): Promise<void>;
  /** Trades the user's token `tokenKey` for `nextKey` (living `ttlMs`), or reports a replay or an unknown token. */
  rotate(userId: string, tokenKey: string, nextKey: string, ttlMs: number): Promise<RotateOutcome>;
  /** Ends the sign-in that `tokenKey` belongs to (current or spent); false when there was none. */
  end(userId: string, tokenKey: string): Promise<boolean>;
  /** Ends every sign-in of the user. */
  endAll(userId: string): Promise<void>;
}

/** The most sign-ins one user keeps at once; a new one past it ends the one idle longest. */
export const MAX_SIGN_INS_PER_USER = 32;

export const REFRESH_TOKEN_STORE = Symbol('PULSE_REFRESH_TOKEN_STORE');
