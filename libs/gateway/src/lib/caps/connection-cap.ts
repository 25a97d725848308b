/** How long a client refused for too many connections is asked to wait (`Retry-After`). */
export const TOO_MANY_CONNECTIONS_RETRY_SECONDS = 10;

/** How many sockets a user has open on this node. `ConnectionRegistry` is one. */
export interface ConnectionCounts {
  countOf(userId: string): number;
}

/** At most `maxPerUser` sockets per user on this node (`MAX_CONNECTIONS_PER_USER`); 0 turns it off. */
export class ConnectionCap {
  constructor(
    private readonly counts: ConnectionCounts,
    private readonly maxPerUser: number,
  ) {}

  /** Whether the user has no room for one more socket. */
  isFull(userId: string): boolean {
    return this.maxPerUser > 0 && this.counts.countOf(userId) >= this.maxPerUser;
  }

  /** The close reason of a socket refused when it registers (concurrent upgrades that all passed the upgrade check). */
  get closeReason(): string {
    return `at most ${this.maxPerUser} connections per user on this node; retry-after-ms=${TOO_MANY_CONNECTIONS_RETRY_SECONDS * 1000}`;
  }
}
