/** Who is behind a request or a socket, as established from a verified access token. */
export interface AuthenticatedUser {
  /** The JWT `sub`: the player id on the wire. */
  readonly id: string;
  /** A display name (the JWT `name` claim, or the id). */
  readonly name: string;
  /** From the configured roles claim (`roles` by default). */
  readonly roles: readonly string[];
  /**
   * When the access token this identity was proved with expires (its `exp`, in ms since the epoch). A socket opened
   * with it is asked to re-authenticate then. Absent for identities without an expiry.
   */
  readonly expiresAt?: number;
}
