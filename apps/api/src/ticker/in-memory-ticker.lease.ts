import type { TickerLease } from './ticker.lease';

interface Holder {
  readonly token: string;
  expiresAt: number;
}

/** Leases of one process, by name: where in-memory contenders meet. */
export class InMemoryLeaseBoard {
  private readonly holders = new Map<string, Holder>();

  constructor(readonly now: () => number = Date.now) {}

  acquire(name: string, token: string, ttlMs: number): boolean {
    const holder = this.holders.get(name);
    const now = this.now();
    if (holder && holder.token !== token && holder.expiresAt > now) return false;
    this.holders.set(name, { token, expiresAt: now + ttlMs });
    return true;
  }

  release(name: string, token: string): void {
    if (this.holders.get(name)?.token === token) this.holders.delete(name);
  }

  /** Forgets the holder as if its lease had run out. */
  expire(name: string): void {
    this.holders.delete(name);
  }
}

/**
 * The lease on one node: nobody else contends, so it is always this node's. A real lock over an in-process board so
 * that it passes the same contract as the Redis one.
 */
export class InMemoryTickerLease implements TickerLease {
  constructor(
    private readonly board: InMemoryLeaseBoard,
    private readonly token: string,
    private readonly ttlMs: number,
    private readonly name = 'ticker',
  ) {}

  async acquire(): Promise<boolean> {
    return this.board.acquire(this.name, this.token, this.ttlMs);
  }

  async release(): Promise<void> {
    this.board.release(this.name, this.token);
  }
}
