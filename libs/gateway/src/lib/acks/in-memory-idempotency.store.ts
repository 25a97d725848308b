import {
  DEFAULT_IDEMPOTENCY_LIMITS,
  DEFAULT_PENDING_LEASE_MS,
  type Claim,
  type IdempotencyLimits,
  type IdempotencyStore,
} from './idempotency.store';

interface Entry {
  seq?: number;
  done: boolean;
  expiresAt: number;
}

/** One node's idempotency keys: per user, insertion-ordered, bounded by count and window. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly users = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly limits: IdempotencyLimits = DEFAULT_IDEMPOTENCY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(userId: string, id: string): Promise<Claim> {
    const keys = this.keysOf(userId);
    const entry = keys.get(id);
    if (entry && entry.expiresAt > this.now())
      return entry.done ? { state: 'done', seq: entry.seq } : { state: 'pending' };
    keys.delete(id);
    const lease = Math.min(this.limits.pendingLeaseMs ?? DEFAULT_PENDING_LEASE_MS, this.limits.windowMs);
    keys.set(id, { done: false, expiresAt: this.now() + lease });
    while (keys.size > this.limits.maxKeysPerUser) keys.delete(keys.keys().next().value as string);
    return { state: 'new' };
  }

  async complete(userId: string, id: string, seq: number | undefined): Promise<void> {
    const entry = this.users.get(userId)?.get(id);
    if (!entry) return;
    entry.done = true;
    entry.seq = seq;
    entry.expiresAt = this.now() + this.limits.windowMs;
  }

  async release(userId: string, id: string): Promise<void> {
    const keys = this.users.get(userId);
    keys?.delete(id);
    if (keys?.size === 0) this.users.delete(userId);
  }

  private keysOf(userId: string): Map<string, Entry> {
    let keys = this.users.get(userId);
    if (!keys) {
      keys = new Map();
      this.users.set(userId, keys);
    }
    const now = this.now();
    for (const [key, entry] of keys) {
      if (entry.expiresAt > now) break;
      keys.delete(key);
    }
    return keys;
  }
}
