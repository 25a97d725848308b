import { randomUUID } from 'node:crypto';
import { completeReplay, DEFAULT_HISTORY_LIMITS, type HistoryEntry, type HistoryLimits, type ReplayResult, type RoomHistory } from './room-history';

type TimedEntry = HistoryEntry & { readonly at: number };

interface RoomLog {
  readonly epoch: string;
  /**
   * A ring of up to `maxEvents` entries, grown as events come (a quiet room costs a few slots, not `maxEvents`);
   * `start` is the oldest, `count` how many are filled.
   */
  readonly ring: TimedEntry[];
  start: number;
  count: number;
  lastSeq: number;
}

/** One node's room logs: a bounded buffer per room. A new process is a new epoch. */
export class InMemoryRoomHistory implements RoomHistory {
  private readonly logs = new Map<string, RoomLog>();

  constructor(
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  append(room: string, entry: HistoryEntry): void {
    const log = this.log(room);
    const timed = { seq: entry.seq, frame: entry.frame, at: this.now() };
    if (log.count < this.limits.maxEvents) {
      log.ring.push(timed);
      log.count++;
    } else {
      log.ring[log.start] = timed;
      log.start = (log.start + 1) % log.count;
    }
    log.lastSeq = entry.seq;
  }

  async epoch(room: string): Promise<string> {
    return this.log(room).epoch;
  }

  async read(room: string, afterSeq: number, epoch: string): Promise<ReplayResult> {
    const log = this.log(room);
    if (log.epoch !== epoch) return { ok: false, reason: 'epoch-changed' };
    const oldest = this.now() - this.limits.maxAgeMs;
    const entries: HistoryEntry[] = [];
    for (let i = 0; i < log.count; i++) {
      const entry = log.ring[(log.start + i) % log.count];
      if (entry.seq > afterSeq && entry.at >= oldest) entries.push({ seq: entry.seq, frame: entry.frame });
    }
    return completeReplay(entries, afterSeq, log.lastSeq);
  }

  private log(room: string): RoomLog {
    let log = this.logs.get(room);
    if (!log) {
      log = { epoch: randomUUID().slice(0, 8), ring: [], start: 0, count: 0, lastSeq: 0 };
      this.logs.set(room, log);
    }
    return log;
  }
}
