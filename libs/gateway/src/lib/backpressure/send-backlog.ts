import type { OutboundFrame } from '../dispatch/outbound-frame';

/** The send-buffer budget of one connection. */
export interface SendBudget {
  /** Above this many buffered bytes, moves are conflated until the buffer drains below `lowWaterBytes`. @default 1048576 */
  readonly highWaterBytes: number;
  /** Below this, the backlog is flushed and sending goes direct again. @default 262144 */
  readonly lowWaterBytes: number;
  /** Above this (buffered plus backlog), the connection is closed with SLOW_CONSUMER. @default 8388608 */
  readonly hardLimitBytes: number;
}

export const DEFAULT_SEND_BUDGET: SendBudget = {
  highWaterBytes: 1_048_576,
  lowWaterBytes: 262_144,
  hardLimitBytes: 8_388_608,
};

/**
 * Frames held for a connection that reads too slowly, in order. Position updates conflate: a newer `move` of
 * the same player in the same room replaces the older one (and takes its place at the end, so seq order holds);
 * nothing else is ever dropped.
 */
export class SendBacklog {
  private readonly frames: Array<OutboundFrame | null> = [];
  private readonly moveIndex = new Map<string, number>();
  private byteCount = 0;

  get bytes(): number {
    return this.byteCount;
  }

  push(frame: OutboundFrame): void {
    const message = frame.message;
    if (message.type === 'move') {
      const key = `${message.room}\n${message.player}`;
      const previous = this.moveIndex.get(key);
      if (previous !== undefined) {
        this.byteCount -= (this.frames[previous] as OutboundFrame).text.length;
        this.frames[previous] = null;
      }
      this.moveIndex.set(key, this.frames.length);
    }
    this.frames.push(frame);
    this.byteCount += frame.text.length;
  }

  /** Takes every held frame, oldest first, and empties the backlog. */
  drain(): OutboundFrame[] {
    const frames = this.frames.filter((frame): frame is OutboundFrame => frame !== null);
    this.frames.length = 0;
    this.moveIndex.clear();
    this.byteCount = 0;
    return frames;
  }
}
