/** The claims Pulse reads from an access token. Any HS256 JWT with a `sub` works. */
export interface AccessTokenClaims {
  sub?: unknown;
  name?: unknown;
  roles?: unknown;
}
