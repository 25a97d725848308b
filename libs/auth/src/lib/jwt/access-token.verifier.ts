import { Inject, Injectable } from '@nestjs/common';
import { verify, type VerifyOptions } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { AUTH_OPTIONS, resolveAuthOptions, type AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import { RevocationList } from '../revocation/revocation-list';
import type { AccessTokenClaims } from './access-token-claims';
import { AccessTokenKeys } from './access-token-keys';
import { userFromClaims } from './user-from-claims';

/** Why a token was refused; never the token itself. */
export type AccessTokenRefusal = 'invalid' | 'no-exp' | 'no-sub' | 'revoked';

export type AccessTokenCheck =
  | { readonly ok: true; readonly user: AuthenticatedUser }
  | { readonly ok: false; readonly reason: AccessTokenRefusal };

/**
 * Checks an access token: the key comes from `AccessTokenKeys` (shared secret or JWKS, by the header's `alg` and
 * `kid`), the same algorithm allow-list is enforced by the signature check, `iss`/`aud` when configured, `exp`/`nbf`
 * with a small clock skew. A token without `exp`, without a usable `sub`, or issued before its user was revoked, is
 * refused. Called straight from `JwtAuthGuard`: one promise per request, where Passport made a strategy object, its
 * callbacks and the request's login helpers for each one.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly rolesClaim: string;
  private readonly verifyOptions: VerifyOptions;

  constructor(
    @Inject(AUTH_OPTIONS) options: AuthOptions,
    private readonly keys: AccessTokenKeys,
    private readonly revocations: RevocationList,
  ) {
    const resolved = resolveAuthOptions(options);
    this.rolesClaim = resolved.rolesClaim;
    this.verifyOptions = {
      algorithms: keys.algorithms,
      ...(resolved.issuer ? { issuer: resolved.issuer } : {}),
      ...(resolved.audience ? { audience: resolved.audience } : {}),
      ignoreExpiration: false,
      clockTolerance: resolved.clockSkewSeconds,
    };
  }

  async check(rawToken: string): Promise<AccessTokenCheck> {
    const claims = await this.keys.keyFor(rawToken).then(
      (key) => this.claimsOf(rawToken, key),
      () => null,
    );
    if (!claims) return { ok: false, reason: 'invalid' };
    if (typeof claims.exp !== 'number') return { ok: false, reason: 'no-exp' };
    const user = userFromClaims(claims, this.rolesClaim);
    if (!user) return { ok: false, reason: 'no-sub' };
    // iat in ms: exact when the token carries a fractional iat (Pulse's dev login does), else the start of its second.
    const issuedAt =
      typeof claims.iat === 'number' && Number.isFinite(claims.iat)
        ? Math.round(claims.iat * 1000)
        : undefined;
    if (await this.revocations.isRevoked(user.id, issuedAt)) return { ok: false, reason: 'revoked' };
    return { ok: true, user };
  }

  private claimsOf(rawToken: string, key: KeyObject): Promise<AccessTokenClaims | null> {
    return new Promise((resolve) => {
      // jsonwebtoken takes a KeyObject; its typings predate that.
      verify(rawToken, key as unknown as Buffer, this.verifyOptions, (error, payload) =>
        resolve(
          !error && typeof payload === 'object' && payload !== null ? (payload as AccessTokenClaims) : null,
        ),
      );
    });
  }
}
