import type { RedisRoomChange } from './redis-room-script';
import type { UnsequencedMessage } from './sequenced-frame';

/** A room event before the room numbers it: the message, and the connection it is not delivered back to. */
export interface RoomEventDraft {
  readonly message: UnsequencedMessage;
  readonly except?: string;
}

/** Where a room's sequence stands: the last `seq` handed out, in the room's epoch (see docs/delivery.md). */
export interface SequencePosition {
  readonly seq: number;
  readonly epoch: string;
}

/**
 * A feature's change to its own state that goes with a room event, in the terms of the backend that numbers it. The
 * port runs it in the same atomic step as the numbering, the log append and the publish; a change that refuses
 * (returns false) leaves the room as it was and no seq is used.
 */
export interface StateChange {
  /** In memory: called synchronously with the seq the event is about to get. */
  readonly inMemory?: (seq: number) => boolean | void;
  /** In Redis: a change declared once (`RedisRoomChange`), run inside the numbering script with these arguments. */
  readonly redis?: { readonly change: RedisRoomChange; readonly args?: readonly (string | number)[] };
}

/**
 * The one place a room event is numbered, logged and published: it takes the room's next `seq`, appends the frame to
 * the room's log (for resumes), pushes back the room's idle expiry, starts a new epoch for a room whose log was lost,
 * and publishes the event to every node's members, together with the feature's state change, as one step. Every
 * sequenced event (the game's, chat's, the ticker's, a generated feature's) goes through it, so a room has one order.
 * In memory on one node (`InMemorySequencedRoom`), in Redis across nodes (`RedisSequencedRoom`).
 */
export interface SequencedRoom {
  /** Numbers and publishes the event with `change`; the seq it got, or null when the change refused it. */
  append(room: string, event: RoomEventDraft, change?: StateChange): Promise<number | null>;
  /** The room's last seq and epoch (an epoch is made for a room that has none). */
  position(room: string): Promise<SequencePosition>;
  /**
   * For degraded mode, while the shared sequence is away: numbers the event on from the last seq this node saw, in
   * this node's outage epoch for the room, and delivers it to this node's members only (see
   * `RoomsService.deliverDegraded`). Returns the seq.
   */
  appendLocally(room: string, event: RoomEventDraft): number;
}

export const SEQUENCED_ROOM = Symbol('PULSE_SEQUENCED_ROOM');
