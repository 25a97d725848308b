import { decodeRoomEvent, roomChannel, type RoomEvent } from '@pulse/gateway';
import type { ServerMessage } from '@pulse/protocol';
import type { RedisClient } from '@pulse/gateway';

const ROOM_OF_CHANNEL = /^pulse:\{(.+)\}:events$/;

/** A room event as a store contract test reads it: its seq, the connection it skips, the decoded message. */
export interface Published {
  seq: number;
  except?: string;
  message: ServerMessage;
}

/** What the stores published, per room, in arrival order; `take` waits for a count without polling. */
export class PublishedLog {
  private readonly events = new Map<string, Published[]>();
  private readonly waiters = new Set<() => void>();

  /** Records every room event published on a Redis server, read through `subscriber` (which it subscribes). */
  static async fromRedis(subscriber: RedisClient): Promise<PublishedLog> {
    const log = new PublishedLog();
    subscriber.on('pmessage', (_pattern: string, channel: string, payload: string) => {
      const event = decodeRoomEvent(payload);
      const room = ROOM_OF_CHANNEL.exec(channel)?.[1];
      if (event && room) log.add(room, event);
    });
    await subscriber.psubscribe(roomChannel('*'));
    return log;
  }

  add(room: string, event: RoomEvent): void {
    const list = this.events.get(room) ?? [];
    list.push({
      seq: event.seq,
      ...(event.except ? { except: event.except } : {}),
      message: JSON.parse(event.frame) as ServerMessage,
    });
    this.events.set(room, list);
    for (const wake of [...this.waiters]) wake();
  }

  take(room: string, count: number): Promise<Published[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const list = this.events.get(room) ?? [];
        if (list.length < count) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(list.slice(0, count));
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`only ${this.events.get(room)?.length ?? 0} of ${count} events in ${room}`));
      }, 5000);
      if (!check()) this.waiters.add(check);
    });
  }
}
