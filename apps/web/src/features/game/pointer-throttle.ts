import { CURSOR_TIMING } from '@pulse/protocol';
import type { Point } from './board-geometry';

/**
 * Sends this user's pointer at most once per `intervalMs`: the first move at once, then the latest one at the end of
 * each interval in which it moved. The server relays no more than one per tick anyway, and every `cursor` counts
 * toward the connection's message budget, which the game's moves share.
 */
export class PointerThrottle {
  private latest: Point | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (point: Point) => void,
    private readonly intervalMs: number = CURSOR_TIMING.tickMs,
  ) {}

  moved(point: Point): void {
    if (this.timer) {
      this.latest = point;
      return;
    }
    this.send(point);
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const latest = this.latest;
    this.latest = undefined;
    if (latest) this.moved(latest);
  }
}
