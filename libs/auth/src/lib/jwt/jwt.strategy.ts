import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AUTH_OPTIONS, resolveAuthOptions, type AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import { RevocationList } from '../revocation/revocation-list';
import type { AccessTokenClaims } from './access-token-claims';
import { AccessTokenKeys } from './access-token-keys';
import { userFromClaims } from './user-from-claims';

export const JWT_STRATEGY = 'pulse-jwt';

/**
 * Verifies `Authorization: Bearer <jwt>` (never a token in the URL) with passport-jwt: the key comes from
 * `AccessTokenKeys` (shared secret or JWKS, by the header's `alg` and `kid`), the same algorithm allow-list is
 * enforced by the signature check, `iss`/`aud` when configured, `exp`/`nbf` with a small clock skew. A token
 * without `exp`, or issued before its user was revoked, is refused.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  private readonly rolesClaim: string;

  constructor(
    @Inject(AUTH_OPTIONS) options: AuthOptions,
    keys: AccessTokenKeys,
    private readonly revocations: RevocationList,
  ) {
    const resolved = resolveAuthOptions(options);
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once per key: handed a string, jsonwebtoken would parse it as a PEM on every request.
      secretOrKeyProvider: (
        _request: unknown,
        rawToken: string,
        done: (error: unknown, key?: string | Buffer) => void,
      ) => {
        keys.keyFor(rawToken).then(
          // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject; its typings predate that.
          (key: KeyObject) => done(null, key as unknown as Buffer),
          (error: unknown) => done(error),
        );
      },
      algorithms: keys.algorithms,
      ...(resolved.issuer ? { issuer: resolved.issuer } : {}),
      ...(resolved.audience ? { audience: resolved.audience } : {}),
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: resolved.clockSkewSeconds },
    });
    this.rolesClaim = resolved.rolesClaim;
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('access token has no "exp"');
    const user = userFromClaims(claims, this.rolesClaim);
    if (!user) throw new UnauthorizedException('access token has no usable "sub"');
    // iat in ms: exact when the token carries a fractional iat (Pulse's dev login does), else the start of its second.
    const issuedAt =
      typeof claims.iat === 'number' && Number.isFinite(claims.iat)
        ? Math.round(claims.iat * 1000)
        : undefined;
    if (await this.revocations.isRevoked(user.id, issuedAt))
      throw new UnauthorizedException('access token revoked');
    return user;
  }
}
