import { TYPING_TIMING, type ServerMessageOf } from '@pulse/protocol';

export interface TypingTrackerOptions {
  /**
   * Forget a player's `active: true` after this long without a refresh, in milliseconds.
   * @default 5000 (TYPING_TIMING.expireMs)
   */
  expireMs: number;
}

export const defaultTypingTrackerOptions: TypingTrackerOptions = { expireMs: TYPING_TIMING.expireMs };

/**
 * Who is typing in one room, from `typing` events: a player is typing from `active: true` until `active: false`,
 * `clear` (their line arrived, they went offline) or `expireMs` without a refresh. `onChange` gets the typing
 * players, in the order they started, whenever that list changes.
 */
export class TypingTracker {
  private readonly options: TypingTrackerOptions;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    readonly room: string,
    private readonly onChange: (players: readonly string[]) => void,
    options: Partial<TypingTrackerOptions> = {},
  ) {
    this.options = { ...defaultTypingTrackerOptions, ...options };
  }

  get players(): readonly string[] {
    return [...this.timers.keys()];
  }

  /** Applies a `typing` event; events of other rooms are ignored. */
  apply(event: ServerMessageOf<'typing'>): void {
    if (event.room !== this.room) return;
    if (!event.active) return this.clear(event.player);
    const known = this.timers.has(event.player);
    clearTimeout(this.timers.get(event.player));
    this.timers.set(
      event.player,
      setTimeout(() => this.clear(event.player), this.options.expireMs),
    );
    if (!known) this.onChange(this.players);
  }

  clear(player: string): void {
    const timer = this.timers.get(player);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(player);
    this.onChange(this.players);
  }

  /** Stops every timer; nobody is typing any more. */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    const hadPlayers = this.timers.size > 0;
    this.timers.clear();
    if (hadPlayers) this.onChange([]);
  }
}
