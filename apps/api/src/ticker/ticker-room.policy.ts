import type { AuthenticatedUser } from '@pulse/auth';
import { OpenRoomPolicy, type RoomPolicy } from '@pulse/gateway';
import { TICKER_ROOM_PREFIX } from '@pulse/protocol';

/**
 * Keeps the ticker's rooms to the ticker: `join`, `move`, `chat` and every other room message naming a `ticker:*`
 * room is refused with `FORBIDDEN` (`subscribe` names a symbol, not a room, so it is not asked). That keeps game
 * state and chat lines out of them and the ticker the only writer of their `seq`. Every other room is up to `inner`.
 */
export class TickerRoomPolicy implements RoomPolicy {
  constructor(private readonly inner: RoomPolicy = new OpenRoomPolicy()) {}

  canJoin(user: AuthenticatedUser, room: string): boolean | Promise<boolean> {
    return !room.startsWith(TICKER_ROOM_PREFIX) && this.inner.canJoin(user, room);
  }

  canPublish(user: AuthenticatedUser, room: string, type: string): boolean | Promise<boolean> {
    return !room.startsWith(TICKER_ROOM_PREFIX) && this.inner.canPublish(user, room, type);
  }
}
