export type RevokedHandler = (userId: string) => void;

/**
 * Tells every node that a user was revoked, so each closes that user's sockets. The node that publishes hears
 * it too.
 */
export interface UserRevocationBus {
  /** Where revocations arrive; set once. */
  onRevoked(handler: RevokedHandler): void;
  /** Resolves once every subscribed node will hear it. */
  publish(userId: string): Promise<void>;
}

export const USER_REVOCATION_BUS = Symbol('PULSE_USER_REVOCATION_BUS');
