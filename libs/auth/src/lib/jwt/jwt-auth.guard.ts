import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../authenticated-user';
import { AccessTokenVerifier } from './access-token.verifier';

/** `Authorization: <scheme> <credentials>`, split as passport-jwt did. */
const AUTHORIZATION = /(\S+)\s+(\S+)/;

/**
 * Lets an HTTP request through only with a valid `Authorization: Bearer <token>` (never a token in the URL), and
 * puts the user on `request.user`. Anything else is a 401.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly verifier: AccessTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new UnauthorizedException();
    request.user = await this.verifier.verify(token);
    return true;
  }
}

/** The token of a `Bearer` authorization header (scheme case-insensitive), if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = AUTHORIZATION.exec(header);
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : undefined;
}
