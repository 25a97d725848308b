import type { ClientMessage } from '@pulse/protocol';

/**
 * Messages sent while the socket is not open, flushed in order once it opens. Bounded: when full, the oldest
 * message is dropped. A move replaces any queued move for the same room, so a reconnect replays where a player
 * is, not every step it took on the way.
 */
export class Outbox {
  private queue: ClientMessage[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.queue.length;
  }

  /** Queues a message; returns the message dropped to make room, if any. */
  push(message: ClientMessage): ClientMessage | undefined {
    if (message.type === 'move') {
      this.queue = this.queue.filter((queued) => !(queued.type === 'move' && queued.room === message.room));
    }
    this.queue.push(message);
    return this.queue.length > this.limit ? this.queue.shift() : undefined;
  }

  /** Forgets what was queued for a room (after leaving it). */
  dropRoom(room: string): void {
    this.queue = this.queue.filter((queued) => !('room' in queued && queued.room === room));
  }

  /** Empties the queue, returning its messages in the order they were queued. */
  drain(): ClientMessage[] {
    const drained = this.queue;
    this.queue = [];
    return drained;
  }
}
