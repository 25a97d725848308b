/**
 * The claims Pulse reads from a verified access token: `sub` (the user id), `name`, the roles claim (configurable,
 * `roles` by default), `exp` (required: a connection lives no longer than its token) and `iat` (for revocation).
 */
export interface AccessTokenClaims {
  sub?: unknown;
  name?: unknown;
  exp?: unknown;
  iat?: unknown;
  readonly [claim: string]: unknown;
}
