import type { TicketGrant, TicketStore } from './ticket-store';

interface Entry {
  readonly grant: TicketGrant;
  readonly expiresAt: number;
}

/**
 * A single-node ticket store. Entries are kept in insertion order, one queue per TTL (socket tickets and resume
 * tickets live for different times), so in each queue the expired ones are always at the front and sweeping costs
 * only what it removes.
 */
export class InMemoryTicketStore implements TicketStore {
  private readonly queues = new Map<number, Map<string, Entry>>();
  private readonly queueOf = new Map<string, Map<string, Entry>>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.queueOf.size;
  }

  async save(key: string, grant: TicketGrant, ttlMs: number): Promise<void> {
    this.sweep();
    this.queueOf.get(key)?.delete(key);
    let queue = this.queues.get(ttlMs);
    if (!queue) this.queues.set(ttlMs, (queue = new Map()));
    queue.set(key, { grant, expiresAt: this.now() + ttlMs });
    this.queueOf.set(key, queue);
  }

  async redeem(key: string): Promise<TicketGrant | null> {
    const queue = this.queueOf.get(key);
    const entry = queue?.get(key);
    if (!queue || !entry) return null;
    queue.delete(key);
    this.queueOf.delete(key);
    return entry.expiresAt > this.now() ? entry.grant : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [ttl, queue] of this.queues) {
      for (const [key, entry] of queue) {
        if (entry.expiresAt > now) break;
        queue.delete(key);
        this.queueOf.delete(key);
      }
      if (queue.size === 0) this.queues.delete(ttl);
    }
  }
}
