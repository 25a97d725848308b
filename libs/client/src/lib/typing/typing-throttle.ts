import { TYPING_TIMING } from '@pulse/protocol';

export interface TypingThrottleOptions {
  /**
   * While the user keeps typing, announce `active: true` at most this often, in milliseconds. Receivers forget an
   * announcement after `TYPING_TIMING.expireMs`, so this must stay well below it.
   * @default 2000 (TYPING_TIMING.refreshMs)
   */
  refreshMs: number;
}

export const defaultTypingThrottleOptions: TypingThrottleOptions = { refreshMs: TYPING_TIMING.refreshMs };

/**
 * Turns keystrokes into few `typing` messages per room: `active: true` on the first keystroke and again at most every
 * `refreshMs` while typing goes on, `active: false` once when the user stops (sent a line, cleared the input). A room
 * that never announced `true` never announces `false`.
 */
export class TypingThrottle {
  private readonly options: TypingThrottleOptions;
  /** When each room last announced `active: true`. */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly send: (room: string, active: boolean) => void,
    options: Partial<TypingThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaultTypingThrottleOptions, ...options };
  }

  /** The user typed in `room`. */
  typed(room: string): void {
    const last = this.announced.get(room);
    const now = this.now();
    if (last !== undefined && now - last < this.options.refreshMs) return;
    this.announced.set(room, now);
    this.send(room, true);
  }

  /** The user stopped typing in `room`. */
  stopped(room: string): void {
    if (!this.announced.delete(room)) return;
    this.send(room, false);
  }

  /** Forgets a room without announcing anything (the user left it). */
  forget(room: string): void {
    this.announced.delete(room);
  }

  /** Forgets every room without announcing anything (the link went down: the server forgot them too). */
  reset(): void {
    this.announced.clear();
  }
}
