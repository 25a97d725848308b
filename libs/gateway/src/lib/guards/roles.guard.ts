import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { userOfContext } from './user-of-context';

export const ROLES_KEY = 'pulse:roles';

/**
 * Lets a message or request through when its user has one of the roles `@Roles()` names on the handler (or, failing
 * that, the class). For a socket message a refusal is an `error` with `FORBIDDEN` and the socket stays; for HTTP it
 * is a 403 (put `JwtAuthGuard` first so the user is known).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<readonly string[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const roles = userOfContext(context)?.roles ?? [];
    return required.some((role) => roles.includes(role));
  }
}
