import { randomUUID } from 'node:crypto';
import { completeReplay, DEFAULT_HISTORY_LIMITS, type HistoryEntry, type HistoryLimits, type ReplayResult, type RoomHistory } from './room-history';

interface RoomLog {
  readonly epoch: string;
  readonly entries: Array<HistoryEntry & { readonly at: number }>;
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
    log.entries.push({ ...entry, at: this.now() });
    log.lastSeq = entry.seq;
    if (log.entries.length > this.limits.maxEvents) log.entries.splice(0, log.entries.length - this.limits.maxEvents);
  }

  async epoch(room: string): Promise<string> {
    return this.log(room).epoch;
  }

  async read(room: string, afterSeq: number, epoch: string): Promise<ReplayResult> {
    const log = this.log(room);
    if (log.epoch !== epoch) return { ok: false, reason: 'epoch-changed' };
    const oldest = this.now() - this.limits.maxAgeMs;
    const entries = log.entries.filter((entry) => entry.seq > afterSeq && entry.at >= oldest).map(({ seq, frame }) => ({ seq, frame }));
    return completeReplay(entries, afterSeq, log.lastSeq);
  }

  private log(room: string): RoomLog {
    let log = this.logs.get(room);
    if (!log) {
      log = { epoch: randomUUID().slice(0, 8), entries: [], lastSeq: 0 };
      this.logs.set(room, log);
    }
    return log;
  }
}
