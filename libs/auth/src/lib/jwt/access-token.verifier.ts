import type { AuthenticatedUser } from '../authenticated-user';

/**
 * Turns a bearer token into the user it proves, or throws `UnauthorizedException`. `JwtAuthGuard` (and so
 * `POST /auth/ticket`) asks it for every request. The default is `JwtAccessTokenVerifier`; a provider whose tokens
 * are not JWTs (opaque tokens checked by introspection) passes its own to `AuthModule.forRoot`.
 */
export abstract class AccessTokenVerifier {
  /** The verified user, with `expiresAt` when the token expires. Never logs or echoes the token. */
  abstract verify(rawToken: string): Promise<AuthenticatedUser>;
}
