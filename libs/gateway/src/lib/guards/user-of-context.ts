import type { ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from '@pulse/auth';
import { connectionOf } from '../connection/connection-of';

/** The user behind a message (its connection's) or an HTTP request (set by `JwtAuthGuard`), if any. */
export function userOfContext(context: ExecutionContext): AuthenticatedUser | undefined {
  if (context.getType() === 'ws') return connectionOf(context.switchToWs().getClient())?.user;
  if (context.getType() === 'http')
    return context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  return undefined;
}
