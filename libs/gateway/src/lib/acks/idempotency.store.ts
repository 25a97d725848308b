/** Where an id'd message stands for its user: never seen, being applied, or applied (with the seq it got). */
export type Claim =
  | { readonly state: 'new' }
  | { readonly state: 'pending' }
  | { readonly state: 'done'; readonly seq?: number };

/**
 * Idempotency keys per user, kept for a bounded window, so a message resent with the same `id` (for example after a
 * reconnect, on any node) is applied at most once. `claim` is atomic.
 */
export interface IdempotencyStore {
  claim(userId: string, id: string): Promise<Claim>;
  complete(userId: string, id: string, seq: number | undefined): Promise<void>;
  /** The message failed: forget the claim, so a retry may apply it. */
  release(userId: string, id: string): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('PULSE_IDEMPOTENCY_STORE');

export interface IdempotencyLimits {
  /** How long an id is remembered. @default 600000 (10 minutes) */
  readonly windowMs: number;
  /**
   * How long a claim may stay unfinished (its node died or drained mid-message) before a resend may apply the
   * message. @default 30000
   */
  readonly pendingLeaseMs?: number;
  /** Ids remembered per user at most (oldest forgotten first). @default 1000 */
  readonly maxKeysPerUser: number;
}

export const DEFAULT_IDEMPOTENCY_LIMITS: IdempotencyLimits = {
  windowMs: 600_000,
  maxKeysPerUser: 1000,
  pendingLeaseMs: 30_000,
};

export const DEFAULT_PENDING_LEASE_MS = 30_000;
