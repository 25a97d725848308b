/**
 * Where revocations live: "everything this user was given before time T is void". Shared by every node (Redis)
 * or kept in this process. A record outlives the credentials it voids by its TTL, then goes.
 */
export interface RevocationStore {
  /** Records that the user's credentials issued at or before `atMs` are void, for `ttlMs`. Keeps the later time. */
  revoke(userId: string, atMs: number, ttlMs: number): Promise<void>;
  /** The time of the user's latest revocation still on record, or null. */
  revokedAt(userId: string): Promise<number | null>;
}

export const REVOCATION_STORE = Symbol('PULSE_REVOCATION_STORE');
