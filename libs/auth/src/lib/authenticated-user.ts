/** Who is behind a request or a socket, as established from a verified access token. */
export interface AuthenticatedUser {
  /** The JWT `sub`: the player id on the wire. */
  readonly id: string;
  /** A display name (the JWT `name` claim, or the id). */
  readonly name: string;
  readonly roles: readonly string[];
}
