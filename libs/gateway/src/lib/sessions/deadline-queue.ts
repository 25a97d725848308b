/** setTimeout's longest delay; later deadlines are reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry<T> {
  readonly item: T;
  at: number;
  /** Position in the heap, kept up to date so that an entry can be moved or removed in O(log n). */
  index: number;
}

/**
 * Deadlines (ms since the epoch) for many items behind one timer, armed for the earliest of them: a connection
 * costs a heap entry instead of a timer of its own, and opening or closing one rarely touches the timer at all.
 * `onDue` runs once per item whose deadline has passed, and may set a new deadline for it.
 */
export class DeadlineQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private readonly entries = new Map<T, Entry<T>>();
  private timer?: NodeJS.Timeout;
  /** When the armed timer fires (ms since the epoch); Infinity when none is armed. */
  private armedFor = Number.POSITIVE_INFINITY;

  constructor(
    private readonly onDue: (item: T) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Sets (or moves) the item's deadline. */
  set(item: T, at: number): void {
    const entry = this.entries.get(item);
    if (entry) {
      const earlier = at < entry.at;
      entry.at = at;
      if (earlier) this.up(entry.index);
      else this.down(entry.index);
    } else {
      const added: Entry<T> = { item, at, index: this.heap.length };
      this.entries.set(item, added);
      this.heap.push(added);
      this.up(added.index);
    }
    this.arm();
  }

  /** Forgets the item's deadline, if it has one. */
  delete(item: T): void {
    const entry = this.entries.get(item);
    if (!entry) return;
    this.entries.delete(item);
    const last = this.heap.pop() as Entry<T>;
    if (last !== entry) {
      this.heap[entry.index] = last;
      last.index = entry.index;
      this.up(last.index);
      this.down(last.index);
    }
    if (this.heap.length === 0) this.disarm();
  }

  clear(): void {
    this.heap.length = 0;
    this.entries.clear();
    this.disarm();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    for (let first = this.heap[0]; first !== undefined && first.at <= now; first = this.heap[0]) {
      this.delete(first.item);
      this.onDue(first.item);
    }
    this.arm();
  }

  /** Keeps the timer armed for the earliest deadline; leaves it alone when it already is. */
  private arm(): void {
    const first = this.heap[0];
    if (first === undefined) return this.disarm();
    if (this.timer !== undefined && this.armedFor <= first.at) return;
    clearTimeout(this.timer);
    const delay = Math.min(Math.max(0, first.at - this.now()), MAX_TIMER_MS);
    this.armedFor = this.now() + delay;
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
  }

  private up(index: number): void {
    const entry = this.heap[index];
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = this.heap[parentIndex];
      if (parent.at <= entry.at) break;
      this.place(parent, index);
      index = parentIndex;
    }
    this.place(entry, index);
  }

  private down(index: number): void {
    const entry = this.heap[index];
    const length = this.heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.heap[right].at < this.heap[left].at ? right : left;
      if (this.heap[child].at >= entry.at) break;
      this.place(this.heap[child], index);
      index = child;
    }
    this.place(entry, index);
  }

  private place(entry: Entry<T>, index: number): void {
    this.heap[index] = entry;
    entry.index = index;
  }
}
