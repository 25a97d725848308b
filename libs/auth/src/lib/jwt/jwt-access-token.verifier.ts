import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { verify, type VerifyOptions } from 'jsonwebtoken';
import { AUTH_OPTIONS, resolveAuthOptions, type AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import { RevocationList } from '../revocation/revocation-list';
import type { AccessTokenClaims } from './access-token-claims';
import { AccessTokenKeys } from './access-token-keys';
import { AccessTokenVerifier } from './access-token.verifier';
import { userFromClaims } from './user-from-claims';

/**
 * Verifies an access token in full with jsonwebtoken: the key comes from `AccessTokenKeys` (shared secret or JWKS,
 * by the header's `alg` and `kid`, as a cached `KeyObject`), the same algorithm allow-list is enforced by the
 * signature check, `iss`/`aud` when configured, `exp`/`nbf` with a small clock skew. A token without `exp`, or
 * issued before its user was revoked, is refused. Called directly rather than through Passport: a ticket request
 * is one verification, not a strategy lookup, a request wrapper and three callbacks.
 */
@Injectable()
export class JwtAccessTokenVerifier extends AccessTokenVerifier {
  private readonly rolesClaim: string;
  private readonly verifyOptions: VerifyOptions & { complete?: false };

  constructor(
    @Inject(AUTH_OPTIONS) options: AuthOptions,
    private readonly keys: AccessTokenKeys,
    private readonly revocations: RevocationList,
  ) {
    super();
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

  async verify(rawToken: string): Promise<AuthenticatedUser> {
    const claims = await this.claimsOf(rawToken);
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('access token has no "exp"');
    const user = userFromClaims(claims, this.rolesClaim);
    if (!user) throw new UnauthorizedException('access token has no usable "sub"');
    const issuedAt = typeof claims.iat === 'number' ? claims.iat * 1000 : undefined;
    if (await this.revocations.isRevoked(user.id, issuedAt)) throw new UnauthorizedException('access token revoked');
    return user;
  }

  /** The verified claims; any failure (no key, bad signature, expired, wrong iss/aud) is a bare 401. */
  private async claimsOf(rawToken: string): Promise<AccessTokenClaims> {
    let claims: unknown;
    try {
      claims = verify(rawToken, await this.keys.keyFor(rawToken), this.verifyOptions);
    } catch {
      throw new UnauthorizedException();
    }
    if (typeof claims !== 'object' || claims === null) throw new UnauthorizedException();
    return claims as AccessTokenClaims;
  }
}
