import { randomUUID } from 'node:crypto';
import { FrameLog } from './frame-log';
import {
  completeReplay,
  DEFAULT_HISTORY_LIMITS,
  type HistoryEntry,
  type HistoryLimits,
  type ReplayResult,
  type RoomHistory,
} from './room-history';

interface RoomLog {
  readonly epoch: string;
  readonly frames: FrameLog;
  lastSeq: number;
}

/** One node's room logs: a bounded `FrameLog` per room. A new process is a new epoch. */
export class InMemoryRoomHistory implements RoomHistory {
  private readonly logs = new Map<string, RoomLog>();

  constructor(
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  append(room: string, entry: HistoryEntry): void {
    const log = this.log(room);
    log.frames.append(entry.seq, this.now(), entry.frame);
    log.lastSeq = entry.seq;
  }

  async epoch(room: string): Promise<string> {
    return this.epochNow(room);
  }

  epochNow(room: string): string {
    return this.log(room).epoch;
  }

  async read(room: string, afterSeq: number, epoch: string): Promise<ReplayResult> {
    const log = this.log(room);
    if (log.epoch !== epoch) return { ok: false, reason: 'epoch-changed' };
    const oldest = this.now() - this.limits.maxAgeMs;
    const entries: HistoryEntry[] = [];
    log.frames.forEach((seq, at, frame) => {
      if (seq > afterSeq && at >= oldest) entries.push({ seq, frame: frame() });
    });
    return completeReplay(entries, afterSeq, log.lastSeq);
  }

  /** Drops a room's log (an idle room expired); its next event starts a new epoch, so resuming clients resync. */
  forget(room: string): void {
    this.logs.delete(room);
  }

  private log(room: string): RoomLog {
    let log = this.logs.get(room);
    if (!log) {
      log = { epoch: randomUUID().slice(0, 8), frames: new FrameLog(this.limits.maxEvents), lastSeq: 0 };
      this.logs.set(room, log);
    }
    return log;
  }
}
