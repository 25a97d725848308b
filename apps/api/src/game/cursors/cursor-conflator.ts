import { CURSOR_TIMING, type ServerMessageOf } from '@pulse/protocol';

/** A player's latest pointer in a room, and the connection it came from (which is not sent its own pointer). */
export interface LatestCursor {
  readonly event: ServerMessageOf<'cursor'>;
  readonly connectionId: string;
}

/**
 * Keeps the latest pointer of each player in each room and hands them out once per tick: a player who sends several
 * within a tick has only the last one relayed. The timer runs only while pointers wait.
 */
export class CursorConflator {
  private latest = new Map<string, LatestCursor>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly relay: (cursor: LatestCursor) => void,
    private readonly tickMs: number = CURSOR_TIMING.tickMs,
  ) {}

  offer(cursor: LatestCursor): void {
    const key = keyOf(cursor.event.room, cursor.event.player);
    // Deleting first puts the player at the end, so pointers go out in the order of their latest move.
    this.latest.delete(key);
    this.latest.set(key, cursor);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref();
    }
  }

  /** Drops what waits for the player in the room (they left it: a pointer after their `presence` offline would be a ghost). */
  forget(room: string, player: string): void {
    this.latest.delete(keyOf(room, player));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.latest.clear();
  }

  private tick(): void {
    if (this.latest.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const due = this.latest;
    this.latest = new Map();
    for (const cursor of due.values()) this.relay(cursor);
  }
}

function keyOf(room: string, player: string): string {
  return `${room}\u0000${player}`;
}
