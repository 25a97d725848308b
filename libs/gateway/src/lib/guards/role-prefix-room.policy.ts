import type { AuthenticatedUser } from '@pulse/auth';
import type { RoomPolicy } from './room-policy';

export interface RoomPrefixRule {
  /** Rooms whose name starts with this, for example `admin:`. */
  readonly prefix: string;
  /** The role a user needs to join and publish there. */
  readonly role: string;
}

/**
 * Rooms named with a prefix need a role: with `[{ prefix: 'admin:', role: 'admin' }]` only admins may join
 * or publish to `admin:lobby`; every other room is open. The demo policy of the API.
 */
export class RolePrefixRoomPolicy implements RoomPolicy {
  constructor(private readonly rules: readonly RoomPrefixRule[]) {}

  canJoin(user: AuthenticatedUser, room: string): boolean {
    return this.allows(user, room);
  }

  canPublish(user: AuthenticatedUser, room: string): boolean {
    return this.allows(user, room);
  }

  private allows(user: AuthenticatedUser, room: string): boolean {
    return this.rules.every((rule) => !room.startsWith(rule.prefix) || user.roles.includes(rule.role));
  }
}
