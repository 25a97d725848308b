import type { KeptLine } from './chat.reducer';

/**
 * A line this user sent, as the page shows it until the room's log has it: `pending` until the server takes it (it
 * waits in the SDK's outbox while the link is down), `delivered` once acknowledged (the line itself may arrive a
 * moment later, through another node), or `failed` with the reason, to retry. A retry reuses the id, so the server
 * applies the line at most once even if the first attempt did arrive.
 */
export interface OutgoingLine {
  readonly id: string;
  readonly text: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly error?: string;
  /** How many of this user's lines with this text the log held when it was sent. */
  readonly seenBefore: number;
}

/** How many lines by `selfId` with `text` the log holds. */
export function linesLike(lines: readonly KeptLine[], selfId: string | undefined, text: string): number {
  let count = 0;
  for (const line of lines) if (line.type === 'chat' && line.player === selfId && line.text === text) count++;
  return count;
}

/** The outgoing lines still to show: those the log does not hold yet, whatever their status. */
export function visibleOutgoing(
  outgoing: readonly OutgoingLine[],
  lines: readonly KeptLine[],
  selfId: string | undefined,
): OutgoingLine[] {
  return outgoing.filter((line) => linesLike(lines, selfId, line.text) <= line.seenBefore);
}

export function withStatus(
  outgoing: readonly OutgoingLine[],
  id: string,
  status: OutgoingLine['status'],
  error?: string,
): OutgoingLine[] {
  return outgoing.map((line) => (line.id === id ? { ...line, status, error } : line));
}

/** The link closed for good: nothing pending will be sent, so say so. */
export function failPending(outgoing: readonly OutgoingLine[], error: string): readonly OutgoingLine[] {
  return outgoing.some((line) => line.status === 'pending')
    ? outgoing.map((line) => (line.status === 'pending' ? { ...line, status: 'failed', error } : line))
    : outgoing;
}
