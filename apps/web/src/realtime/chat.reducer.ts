import type { ServerMessageOf } from '@pulse/protocol';

export type ChatLine = ServerMessageOf<'chat'>;

/** How many lines the page keeps per room; older ones scroll away for good. */
export const CHAT_LINES_KEPT = 200;

/**
 * Merges lines into the kept ones: ordered by `seq`, each seq once (history and live events overlap, and a resumed
 * connection replays what it missed), at most `limit`, the newest kept. Returns `lines` itself when nothing changed.
 */
export function mergeChatLines(lines: readonly ChatLine[], incoming: readonly ChatLine[], limit = CHAT_LINES_KEPT): readonly ChatLine[] {
  const known = new Set(lines.map((line) => line.seq));
  const fresh: ChatLine[] = [];
  for (const line of incoming) {
    if (known.has(line.seq)) continue;
    known.add(line.seq);
    fresh.push(line);
  }
  if (fresh.length === 0) return lines;
  const merged = [...lines, ...fresh].sort((a, b) => a.seq - b.seq);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}
