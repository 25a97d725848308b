import type { UpgradeAuthorizer, UpgradeDecision, UpgradeRequest } from '@pulse/auth';

/** How long a client refused for too many connections is asked to wait (`Retry-After`). */
export const TOO_MANY_CONNECTIONS_RETRY_SECONDS = 10;

/** How many sockets a user has open on this node. `ConnectionRegistry` is one. */
export interface ConnectionCounts {
  countOf(userId: string): number;
}

/**
 * Wraps an authorizer: a user who already has `maxPerUser` sockets on this node gets `429` (`too-many-connections`)
 * for the next one, on both transports, before any socket exists; the sockets already open stay. Refusing the newest
 * rather than closing the oldest means a forgotten script or tab never kicks out the one being used, and two tabs
 * can never take turns closing each other through their reconnects. `maxPerUser` 0 turns it off.
 */
export class ConnectionCapAuthorizer implements UpgradeAuthorizer {
  constructor(
    private readonly inner: UpgradeAuthorizer,
    private readonly counts: ConnectionCounts,
    private readonly maxPerUser: number,
  ) {}

  async authorize(request: UpgradeRequest): Promise<UpgradeDecision> {
    const decision = await this.inner.authorize(request);
    if (!decision.ok || !this.isFull(decision.user.id)) return decision;
    return {
      ok: false,
      status: 429,
      reason: 'too-many-connections',
      retryAfterSeconds: TOO_MANY_CONNECTIONS_RETRY_SECONDS,
    };
  }

  /** Whether the user has no room for one more socket (also checked when a socket registers, for concurrent upgrades). */
  isFull(userId: string): boolean {
    return this.maxPerUser > 0 && this.counts.countOf(userId) >= this.maxPerUser;
  }

  /** The close reason of a socket refused when it registers (concurrent upgrades that all passed `authorize`). */
  get closeReason(): string {
    return `at most ${this.maxPerUser} connections per user on this node; retry-after-ms=${TOO_MANY_CONNECTIONS_RETRY_SECONDS * 1000}`;
  }
}
