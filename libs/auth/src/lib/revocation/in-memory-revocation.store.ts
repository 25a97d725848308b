import type { RevocationStore } from './revocation-store';

interface Entry {
  readonly atMs: number;
  readonly expiresAt: number;
}

/** Revocations of a single node. Entries go when their TTL ends; revocations are rare, so a sweep per write is cheap. */
export class InMemoryRevocationStore implements RevocationStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  async revoke(userId: string, atMs: number, ttlMs: number): Promise<void> {
    this.sweep();
    const previous = this.entries.get(userId);
    this.entries.set(userId, { atMs: Math.max(atMs, previous?.atMs ?? 0), expiresAt: this.now() + ttlMs });
  }

  async revokedAt(userId: string): Promise<number | null> {
    const entry = this.entries.get(userId);
    if (!entry) return null;
    if (entry.expiresAt > this.now()) return entry.atMs;
    this.entries.delete(userId);
    return null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [userId, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(userId);
  }
}
