import { OutboundFrame } from '../dispatch/outbound-frame';

/** A connection with frames waiting for the next tick. */
export interface BatchedConnection {
  flushBatch(encoder: BatchEncoder): void;
}

/**
 * Builds the frame for one tick's messages: a lone message as itself, several as one `batch`. Members of one room
 * usually wait for the same frames in the same order, so the last encoding is reused when the next list matches it:
 * one serialisation per room and tick, not per connection.
 */
export class BatchEncoder {
  private lastFrames: readonly OutboundFrame[] = [];
  private lastEncoded: OutboundFrame | undefined;

  encode(frames: readonly OutboundFrame[]): OutboundFrame {
    if (frames.length === 1) return frames[0];
    if (this.lastEncoded && sameFrames(frames, this.lastFrames)) return this.lastEncoded;
    this.lastFrames = frames;
    this.lastEncoded = OutboundFrame.batchOf(frames);
    return this.lastEncoded;
  }
}

function sameFrames(a: readonly OutboundFrame[], b: readonly OutboundFrame[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One timer per rate for every batching connection: each tick flushes the connections that have frames waiting. */
export class BatchClock {
  private readonly waiting = new Set<BatchedConnection>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly hz: number) {}

  /** The connection has frames for the next tick. */
  schedule(connection: BatchedConnection): void {
    this.waiting.add(connection);
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000 / this.hz);
    this.timer.unref();
  }

  cancel(connection: BatchedConnection): void {
    this.waiting.delete(connection);
  }

  private tick(): void {
    if (this.waiting.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const encoder = new BatchEncoder();
    const due = [...this.waiting];
    this.waiting.clear();
    for (const connection of due) connection.flushBatch(encoder);
  }
}

const clocks = new Map<number, BatchClock>();

/** The process-wide clock for a rate. */
export function batchClockFor(hz: number): BatchClock {
  let clock = clocks.get(hz);
  if (!clock) clocks.set(hz, (clock = new BatchClock(hz)));
  return clock;
}
