/** Close codes after which a player is likely back soon: a drain (1012), a drop (1005, 1006), a slow consumer (4009). */
const COMING_BACK = new Set([1005, 1006, 1012, 4009]);

/**
 * Defers the presence leave of a connection that dropped or was drained by `graceMs`: a player back in the room on
 * any node meanwhile holds a second presence entry, so when the first one goes the player never went offline for
 * the others. A real leave (`leave`, or a close with 1000/1001 or any other code) runs at once. On shutdown,
 * `settle` waits for the deferred leaves, each run when its grace ends.
 */
export class PresenceGrace {
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly graceMs: number) {}

  /** Runs `leave` now, or after the grace for a connection that closed with a code of a player coming back. */
  leave(closeCode: number | undefined, leave: () => Promise<void>): void {
    if (this.graceMs <= 0 || closeCode === undefined || !COMING_BACK.has(closeCode)) {
      void leave().catch(() => undefined);
      return;
    }
    const done: Promise<void> = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        leave()
          .catch(() => undefined)
          .finally(() => {
            this.pending.delete(done);
            resolve();
          });
      }, this.graceMs);
      timer.unref();
      this.timers.add(timer);
    });
    this.pending.add(done);
  }

  /** Leaves waiting for their grace to end. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Resolves once every deferred leave has run; keeps the process up until then. */
  async settle(): Promise<void> {
    for (const timer of this.timers) timer.ref();
    await Promise.all([...this.pending]);
  }
}
