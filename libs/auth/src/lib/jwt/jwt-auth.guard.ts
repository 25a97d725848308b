import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from '../authenticated-user';
import { AccessTokenVerifier, type AccessTokenRefusal } from './access-token.verifier';

/** Only a bearer token in the `Authorization` header: never one in the URL or a cookie. */
const BEARER = /^\s*bearer\s+(\S+)/i;

const MESSAGES: Record<AccessTokenRefusal, string | undefined> = {
  invalid: undefined,
  'no-exp': 'access token has no "exp"',
  'no-sub': 'access token has no usable "sub"',
  revoked: 'access token revoked',
};

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
}

/** Lets an HTTP request through only with a valid `Authorization: Bearer <jwt>`, and sets `request.user`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly verifier: AccessTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const header = request.headers['authorization'];
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw new UnauthorizedException();
    const check = await this.verifier.check(token);
    if (!check.ok) throw new UnauthorizedException(MESSAGES[check.reason]);
    request.user = check.user;
    return true;
  }
}
