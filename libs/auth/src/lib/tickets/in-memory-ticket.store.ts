import type { TicketGrant, TicketStore } from './ticket-store';

interface Entry {
  readonly grant: TicketGrant;
  readonly expiresAt: number;
}

/**
 * A single-node ticket store. Entries are kept in insertion order, so with one TTL for all tickets the
 * expired ones are always at the front and sweeping costs only what it removes.
 */
export class InMemoryTicketStore implements TicketStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  async save(key: string, grant: TicketGrant, ttlMs: number): Promise<void> {
    this.sweep();
    this.entries.set(key, { grant, expiresAt: this.now() + ttlMs });
  }

  async redeem(key: string): Promise<TicketGrant | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    return entry.expiresAt > this.now() ? entry.grant : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
