/** One sequenced room event as the log keeps it: the same frame live delivery sent. */
export interface HistoryEntry {
  readonly seq: number;
  readonly frame: string;
}

export type ReplayResult =
  | { readonly ok: true; readonly events: readonly HistoryEntry[]; readonly lastSeq: number }
  | { readonly ok: false; readonly reason: 'epoch-changed' | 'beyond-history' | 'ahead-of-room' };

/**
 * The bounded log of a room's sequenced events, and the room's epoch: an id that changes whenever the
 * room's history is lost (store flushed, log expired), so a client's `seq` from another epoch is never trusted.
 */
export interface RoomHistory {
  epoch(room: string): Promise<string>;
  /** Everything after `afterSeq` in `epoch`, complete and in order, or why that cannot be had. */
  read(room: string, afterSeq: number, epoch: string): Promise<ReplayResult>;
}

export const ROOM_HISTORY = Symbol('PULSE_ROOM_HISTORY');

export interface HistoryLimits {
  /** Events kept per room. @default 1000 */
  readonly maxEvents: number;
  /** How long an event stays replayable. @default 600000 (10 minutes) */
  readonly maxAgeMs: number;
  /**
   * A room with no members and no events this long loses all its state (its keys expire, its memory is freed);
   * every event and presence refresh pushes it back. @default 86400000 (24 hours)
   */
  readonly roomIdleExpiryMs?: number;
}

export const DEFAULT_ROOM_IDLE_EXPIRY_MS = 86_400_000;

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  maxEvents: 1000,
  maxAgeMs: 600_000,
  roomIdleExpiryMs: DEFAULT_ROOM_IDLE_EXPIRY_MS,
};

/** Checks that `entries` hold exactly the seqs after `afterSeq` up to `currentSeq`. */
export function completeReplay(
  entries: readonly HistoryEntry[],
  afterSeq: number,
  currentSeq: number,
): ReplayResult {
  if (afterSeq > currentSeq) return { ok: false, reason: 'ahead-of-room' };
  const missing = currentSeq - afterSeq;
  if (entries.length !== missing || (missing > 0 && entries[0].seq !== afterSeq + 1))
    return { ok: false, reason: 'beyond-history' };
  return { ok: true, events: entries, lastSeq: currentSeq };
}
