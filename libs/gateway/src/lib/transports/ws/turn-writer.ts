import type { Socket } from 'node:net';

/** Enough to merge a turn's frames for the sockets of many small rooms; small next to a big room's fan-out. */
const DEFAULT_MAX_CORKED = 64;

/**
 * Writes whole frames straight to TCP sockets, and lets the frames one socket gets during one event-loop turn
 * leave together: the first write of a turn corks the socket, and one `setImmediate` for all sockets uncorks
 * them once the turn's I/O callbacks are done, so a busy socket costs one `writev` per turn instead of one
 * syscall per frame. An idle server adds no delay worth measuring: the check phase follows the poll phase. A
 * broadcast to a big room would hold its first recipients until the last is written, so once `maxCorked` sockets
 * are held they leave at once and holding starts over.
 */
export class TurnWriter {
  private corked: Socket[] = [];
  private flushScheduled = false;
  private readonly flush = (): void => {
    this.flushScheduled = false;
    this.release();
  };

  constructor(private readonly maxCorked = DEFAULT_MAX_CORKED) {}

  write(socket: Socket, frame: Buffer): void {
    if (socket.writableCorked === 0) {
      socket.cork();
      this.corked.push(socket);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    }
    socket.write(frame);
    if (this.corked.length >= this.maxCorked) this.release();
  }

  private release(): void {
    const sockets = this.corked;
    this.corked = [];
    for (const socket of sockets) socket.uncork();
  }
}

/** One per process: every native connection shares the same end-of-turn flush. */
export const turnWriter = new TurnWriter();
