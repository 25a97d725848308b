import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import type { AccessTokenClaims } from './access-token-claims';
import { userFromClaims } from './user-from-claims';

export const JWT_STRATEGY = 'pulse-jwt';

/** Verifies `Authorization: Bearer <jwt>` (never a token in the URL). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: options.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AuthenticatedUser {
    const user = userFromClaims(claims);
    if (!user) throw new UnauthorizedException('access token has no usable "sub"');
    return user;
  }
}
