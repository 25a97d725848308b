import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse } from '@pulse/protocol';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import type { RefreshSessionUser } from '../refresh/refresh-token-store';

/** Signs the short-lived HS256 access tokens of the dev login and of `POST /auth/refresh`. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async issue(user: RefreshSessionUser): Promise<LoginResponse> {
    // iat to the millisecond (RFC 7519 NumericDates may be fractional), so a sign-in right after a revocation is
    // told apart from a token issued before it in the same second; see "Revocation" in docs/auth.md.
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, name: user.name, roles: user.roles, iat: Date.now() / 1000 },
      {
        expiresIn: this.options.accessTokenTtlSeconds,
        algorithm: 'HS256',
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.options.accessTokenTtlSeconds };
  }
}
