import type { UpgradeAuthorizer, UpgradeDecision, UpgradeRequest } from '@pulse/auth';
import { ConnectionCap, TOO_MANY_CONNECTIONS_RETRY_SECONDS, type ConnectionCounts } from './connection-cap';

export { TOO_MANY_CONNECTIONS_RETRY_SECONDS, type ConnectionCounts } from './connection-cap';

/**
 * Wraps an authorizer: a user who already has `maxPerUser` sockets on this node gets `429` (`too-many-connections`)
 * for the next one, on both transports, before any socket exists; the sockets already open stay. Refusing the newest
 * rather than closing the oldest means a forgotten script or tab never kicks out the one being used, and two tabs
 * can never take turns closing each other through their reconnects. `maxPerUser` 0 turns it off.
 */
export class ConnectionCapAuthorizer implements UpgradeAuthorizer {
  private readonly cap: ConnectionCap;

  constructor(
    private readonly inner: UpgradeAuthorizer,
    counts: ConnectionCounts,
    maxPerUser: number,
  ) {
    this.cap = new ConnectionCap(counts, maxPerUser);
  }

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
    return this.cap.isFull(userId);
  }

  /** The close reason of a socket refused when it registers (concurrent upgrades that all passed `authorize`). */
  get closeReason(): string {
    return this.cap.closeReason;
  }
}
