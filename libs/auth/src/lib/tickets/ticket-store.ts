import type { AuthenticatedUser } from '../authenticated-user';

/** What a ticket stands for: the user, and the browser origin that asked for it (if any). */
export interface TicketGrant {
  readonly user: AuthenticatedUser;
  readonly origin?: string;
  /** When it was minted (ms since the epoch), so a revocation voids tickets minted before it. Set by `TicketsService`. */
  readonly issuedAt?: number;
}

/**
 * Where tickets live between minting and redeeming. Keys are digests of tickets, never tickets themselves.
 * Implementations must make `redeem` atomic: of two concurrent redeems of one key, at most one gets the grant.
 */
export interface TicketStore {
  save(key: string, grant: TicketGrant, ttlMs: number): Promise<void>;
  /** Returns the grant and forgets it, or null when the key is unknown, used or expired. */
  redeem(key: string): Promise<TicketGrant | null>;
}

export const TICKET_STORE = Symbol('PULSE_TICKET_STORE');
