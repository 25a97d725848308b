import type { ServerMessage } from '@pulse/protocol';

/** Where this client is in a room: the last `seq` it received, in the room's `epoch`. */
export interface ResumePoint {
  readonly seq: number;
  readonly epoch: string;
}

/**
 * The resume point of each joined room, so a re-join asks the server to replay only what was missed (`join.since`).
 * A snapshot sets it (with its epoch); every later sequenced event of the room and `resumed` move it forward.
 * A room whose snapshot carried no epoch has no resume point (the server cannot replay it).
 */
export class ResumePoints {
  private readonly points = new Map<string, ResumePoint>();

  get(room: string): ResumePoint | undefined {
    return this.points.get(room);
  }

  /** Records what a server message says about its room's position. */
  observe(message: ServerMessage): void {
    if (message.type === 'snapshot') {
      if (message.epoch) this.points.set(message.room, { seq: message.seq, epoch: message.epoch });
      else this.points.delete(message.room);
      return;
    }
    if (!('room' in message) || !('seq' in message) || typeof message.seq !== 'number' || message.seq === 0)
      return;
    const point = this.points.get(message.room);
    if (point && message.seq > point.seq) this.points.set(message.room, { ...point, seq: message.seq });
  }

  forget(room: string): void {
    this.points.delete(room);
  }
}
