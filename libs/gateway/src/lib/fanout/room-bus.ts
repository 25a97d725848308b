import type { RoomEvent } from './room-event';

export type RoomEventHandler = (room: string, event: RoomEvent) => void;

/**
 * Carries room events to every node that has members in the room, including the node that published.
 * A node subscribes to a room only while it has local members there.
 */
export interface RoomBus {
  /** Where events arrive; set once by `RoomsService`. */
  onEvent(handler: RoomEventHandler): void;
  /** Resolves once events published to the room from now on will arrive here. */
  subscribe(room: string): Promise<void>;
  unsubscribe(room: string): Promise<void>;
  publish(room: string, event: RoomEvent): Promise<void>;
}

export const ROOM_BUS = Symbol('PULSE_ROOM_BUS');
