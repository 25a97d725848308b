import type { AuthenticatedUser } from '../authenticated-user';

/** Why a re-authentication was refused. Safe to log: never a credential. */
export type RenewalRefusal = 'ticket-invalid' | 'ticket-origin-mismatch' | 'user-mismatch' | 'user-revoked';

export type RenewalDecision =
  | { readonly ok: true; readonly user: AuthenticatedUser }
  | { readonly ok: false; readonly reason: RenewalRefusal };

/** The open connection a fresh ticket must match. */
export interface RenewedSession {
  readonly userId: string;
  /** The browser origin the socket was opened from, if any. */
  readonly origin?: string;
}

/** Extends an open connection's life with a fresh ticket of the same user, from the same origin. */
export interface SessionRenewer {
  renew(ticket: string, session: RenewedSession): Promise<RenewalDecision>;
}
