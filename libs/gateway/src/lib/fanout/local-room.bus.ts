import type { RoomBus, RoomEventHandler } from './room-bus';
import type { RoomEvent } from './room-event';

const DELIVERED: Promise<void> = Promise.resolve();

/** The single-node bus: publishing is delivering, synchronously and in order. */
export class LocalRoomBus implements RoomBus {
  private handler: RoomEventHandler = () => undefined;

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
    this.handler(room, event);
    return DELIVERED;
  }
}
