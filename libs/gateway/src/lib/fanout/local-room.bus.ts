import type { InMemoryRoomHistory } from '../history/in-memory-room.history';
import type { RoomBus, RoomEventHandler } from './room-bus';
import type { RoomEvent } from './room-event';

const DELIVERED: Promise<void> = Promise.resolve();

/**
 * The single-node bus: publishing is delivering, synchronously and in order. Every sequenced event passes
 * here, so this is where the node's room logs are written.
 */
export class LocalRoomBus implements RoomBus {
  private handler: RoomEventHandler = () => undefined;

  constructor(private readonly history?: InMemoryRoomHistory) {}

  onEvent(handler: RoomEventHandler): void {
    this.handler = handler;
  }

  async subscribe(): Promise<void> {
    return undefined;
  }

  async unsubscribe(): Promise<void> {
    return undefined;
  }

  /** Delivers before it returns; the promise is shared, so an event costs no promise of its own. */
  publish(room: string, event: RoomEvent): Promise<void> {
    if (event.seq > 0) this.history?.append(room, { seq: event.seq, frame: event.frame });
    this.handler(room, event);
    return DELIVERED;
  }
}
