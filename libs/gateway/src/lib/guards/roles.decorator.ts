import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ROLES_KEY, RolesGuard } from './roles.guard';

/**
 * Requires one of `roles` for a gateway handler or an HTTP route (on a method, or a whole class). Applies
 * `RolesGuard` itself, on sockets (native and Socket.IO alike) and over HTTP.
 */
export function Roles(...roles: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(RolesGuard));
}
