import type { AuthenticatedUser } from '@pulse/auth';

/**
 * Who may do what in which room. Asked before every handler of a `@PulseGateway()`: `join` asks `canJoin`, any other
 * message naming a `room` (except `leave`) asks `canPublish` with its type. A refusal is an `error` with
 * `FORBIDDEN`; the socket stays. May answer asynchronously (a lookup), but it is on every message's path: keep it fast.
 */
export interface RoomPolicy {
  canJoin(user: AuthenticatedUser, room: string): boolean | Promise<boolean>;
  canPublish(user: AuthenticatedUser, room: string, type: string): boolean | Promise<boolean>;
}

export const ROOM_POLICY = Symbol('PULSE_ROOM_POLICY');

/** Everyone may join and publish everywhere: the default. */
export class OpenRoomPolicy implements RoomPolicy {
  canJoin(): boolean {
    return true;
  }

  canPublish(): boolean {
    return true;
  }
}
