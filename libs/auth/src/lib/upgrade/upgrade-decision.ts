import type { AuthenticatedUser } from '../authenticated-user';

/** Why an upgrade was refused. Safe to log and to count: it never contains a credential. */
export type UpgradeRefusal =
  | 'origin-not-allowed'
  | 'credential-in-url'
  | 'ticket-missing'
  | 'ticket-invalid'
  | 'ticket-origin-mismatch'
  | 'user-revoked'
  | 'too-many-failures'
  | 'too-many-connections';

export type UpgradeDecision =
  | { readonly ok: true; readonly user: AuthenticatedUser }
  | {
      readonly ok: false;
      readonly status: 401 | 403 | 429;
      readonly reason: UpgradeRefusal;
      /** With 429: when the address (`too-many-failures`) or the user (`too-many-connections`) may try again. */
      readonly retryAfterSeconds?: number;
    };

/** What the socket layer needs from auth: a yes (with the user) or a no (with an HTTP status) before the 101. */
export interface UpgradeAuthorizer {
  authorize(request: UpgradeRequest): Promise<UpgradeDecision>;
}

/** The parts of an HTTP upgrade request the decision reads. */
export interface UpgradeRequest {
  readonly url?: string;
  readonly headers: { readonly origin?: string; readonly host?: string };
  /** A ticket that arrived outside the URL (Socket.IO's `auth` payload); wins over `?ticket=`. */
  readonly ticket?: string;
  /** The peer's address, for limits on repeated refusals. */
  readonly remoteAddress?: string;
  /** The `X-Forwarded-For` header, believed only when the peer is a trusted proxy. */
  readonly forwardedFor?: string | readonly string[];
}
