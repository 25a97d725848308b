import { randomUUID } from 'node:crypto';
import { completeReplay, DEFAULT_HISTORY_LIMITS, type HistoryEntry, type HistoryLimits, type ReplayResult, type RoomHistory } from './room-history';

interface RoomLog {
  readonly epoch: string;
  /**
   * A ring of up to `maxEvents` events in three parallel arrays (no object per event, less for the GC to copy),
   * grown as events come, so a quiet room costs a few slots; `start` is the oldest, `count` how many are filled.
   */
  readonly frames: string[];
  readonly seqs: number[];
  readonly ats: number[];
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
    const at = this.now();
    if (log.count < this.limits.maxEvents) {
      log.frames.push(entry.frame);
      log.seqs.push(entry.seq);
      log.ats.push(at);
      log.count++;
    } else {
      log.frames[log.start] = entry.frame;
      log.seqs[log.start] = entry.seq;
      log.ats[log.start] = at;
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
      const slot = (log.start + i) % log.count;
      if (log.seqs[slot] > afterSeq && log.ats[slot] >= oldest) entries.push({ seq: log.seqs[slot], frame: log.frames[slot] });
    }
    return completeReplay(entries, afterSeq, log.lastSeq);
  }

  private log(room: string): RoomLog {
    let log = this.logs.get(room);
    if (!log) {
      log = { epoch: randomUUID().slice(0, 8), frames: [], seqs: [], ats: [], start: 0, count: 0, lastSeq: 0 };
      this.logs.set(room, log);
    }
    return log;
  }
}
