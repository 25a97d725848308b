import type { ServerMessageOf } from '@pulse/protocol';

export type ChatLine = ServerMessageOf<'chat'>;

/** A player joined or left the room: from a sequenced `presence` event, shown among the chat lines. */
export interface PresenceLine {
  readonly type: 'presence-line';
  readonly room: string;
  readonly player: string;
  readonly status: 'joined' | 'left';
  readonly seq: number;
}

interface Kept {
  /** Which history of the room the line belongs to (see `ChatLog.era`). */
  readonly era: number;
  /** Unique among the kept lines: era and seq. */
  readonly key: string;
}

/** A line as the page keeps it. */
export type KeptChatLine = ChatLine & Kept;
export type KeptPresenceLine = PresenceLine & Kept;
export type KeptLine = KeptChatLine | KeptPresenceLine;

/** The join or leave line for a presence event, or undefined for one without a seq (it has no place in the log). */
export function presenceLine(event: ServerMessageOf<'presence'>): PresenceLine | undefined {
  if (event.seq === undefined) return undefined;
  const status = event.status === 'online' ? 'joined' : 'left';
  return { type: 'presence-line', room: event.room, player: event.player, status, seq: event.seq };
}

/**
 * The chat of a room as this page keeps it. A room's seqs count from 1 again when its history starts over (a
 * restarted node keeps rooms in memory: the snapshot then carries a new `epoch`), so a line is known by its era (how
 * many histories this page has seen before the line's) and its seq; lines of an earlier era stay, before the newer.
 */
export interface ChatLog {
  /** The epoch of the latest snapshot, undefined before one (or from a server without history). */
  readonly epoch: string | undefined;
  readonly era: number;
  /** Oldest first. */
  readonly lines: readonly KeptLine[];
}

/** How many lines the page keeps per room; older ones scroll away for good. */
export const CHAT_LINES_KEPT = 200;

export const emptyChatLog: ChatLog = { epoch: undefined, era: 0, lines: [] };

/** A snapshot of the room arrived: a new epoch starts a new era. Returns `log` itself when nothing changed. */
export function chatEpochSeen(log: ChatLog, epoch: string | undefined): ChatLog {
  if (epoch === undefined || epoch === log.epoch) return log;
  return { ...log, epoch, era: log.epoch === undefined ? log.era : log.era + 1 };
}

/**
 * Merges lines of the current era into the kept ones: ordered by era then seq, each once (history and live events
 * overlap, and a resumed connection replays what it missed), at most `limit`, the newest kept. Returns `log` itself
 * when nothing changed.
 */
export function mergeChatLines(
  log: ChatLog,
  incoming: readonly (ChatLine | PresenceLine)[],
  limit = CHAT_LINES_KEPT,
): ChatLog {
  const known = new Set(log.lines.map((line) => line.key));
  const fresh: KeptLine[] = [];
  for (const line of incoming) {
    const key = `${log.era}:${line.seq}`;
    if (known.has(key)) continue;
    known.add(key);
    fresh.push({ ...line, era: log.era, key });
  }
  if (fresh.length === 0) return log;
  const merged = [...log.lines, ...fresh].sort((a, b) => a.era - b.era || a.seq - b.seq);
  return { ...log, lines: merged.length > limit ? merged.slice(merged.length - limit) : merged };
}
