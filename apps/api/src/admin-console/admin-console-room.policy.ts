import type { AuthenticatedUser } from '@pulse/auth';
import { OpenRoomPolicy, type RoomPolicy } from '@pulse/gateway';
import { ADMIN_CONSOLE_ROOM } from '@pulse/protocol';

/**
 * Keeps `admin:console` to the console feed: `join`, `move`, `chat` and every other room message naming it is refused
 * with `FORBIDDEN` (watchers use `console-watch`, which names no room), so no game state or chat line lands among the
 * samples. Every other room is up to `inner`.
 */
export class AdminConsoleRoomPolicy implements RoomPolicy {
  constructor(private readonly inner: RoomPolicy = new OpenRoomPolicy()) {}

  canJoin(user: AuthenticatedUser, room: string): boolean | Promise<boolean> {
    return room !== ADMIN_CONSOLE_ROOM && this.inner.canJoin(user, room);
  }

  canPublish(user: AuthenticatedUser, room: string, type: string): boolean | Promise<boolean> {
    return room !== ADMIN_CONSOLE_ROOM && this.inner.canPublish(user, room, type);
  }
}
