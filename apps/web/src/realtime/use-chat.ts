import { PulseRequestError, TypingTracker } from '@pulse/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { failPending, linesLike, withStatus, type OutgoingLine } from './chat-outbox';
import { chatEpochSeen, emptyChatLog, mergeChatLines, presenceLine, type KeptLine } from './chat.reducer';
import { usePulseClient } from './pulse-context';

export interface Chat {
  /** The room's lines, oldest first. */
  readonly lines: readonly KeptLine[];
  /** This user's lines not in `lines` yet: pending, delivered (on their way) or failed (see `retry`). */
  readonly outgoing: readonly OutgoingLine[];
  /** Players typing right now, in the order they started (this user's other tabs included). */
  readonly typing: readonly string[];
  /**
   * Sends a line, shown in `outgoing` at once; resolves once the server took it, rejects with a `PulseRequestError`
   * otherwise (the line then shows as failed).
   */
  readonly send: (text: string) => Promise<void>;
  /** Sends a failed line again, with the same id (the server applies it at most once). */
  readonly retry: (id: string) => Promise<void>;
  /** Tells the others whether this user is typing (the SDK throttles it). */
  readonly setTyping: (active: boolean) => void;
}

/**
 * The chat of a room this page joined (with `useRoom`): its recent lines, asked for after every snapshot and merged
 * with live and replayed lines by seq (lines from before a restart of the room's history stay, see `ChatLog`), and who is typing (forgotten after a few seconds without a refresh, when their
 * line arrives or when they go offline).
 */
export function useChat(room: string, selfId?: string): Chat {
  const client = usePulseClient();
  const [log, setLog] = useState(emptyChatLog);
  const [typing, setTypingPlayers] = useState<readonly string[]>([]);

  useEffect(() => {
    const tracker = new TypingTracker(room, setTypingPlayers);
    const unsubscribe = [
      client.on('snapshot', (snapshot) => {
        if (snapshot.room !== room) return;
        setLog((kept) => chatEpochSeen(kept, snapshot.epoch));
        client.send('chat-history', { room });
      }),
      client.on('chat-history', (history) => {
        if (history.room === room) setLog((kept) => mergeChatLines(kept, history.messages));
      }),
      client.on('chat', (line) => {
        if (line.room !== room) return;
        tracker.clear(line.player);
        setLog((kept) => mergeChatLines(kept, [line]));
      }),
      client.on('typing', (event) => tracker.apply(event)),
      client.on('presence', (event) => {
        if (event.room !== room) return;
        if (event.status === 'offline') tracker.clear(event.player);
        const line = presenceLine(event);
        if (line) setLog((kept) => mergeChatLines(kept, [line]));
      }),
    ];
    return () => {
      for (const off of unsubscribe) off();
      tracker.dispose();
      client.typing(room, false);
    };
  }, [client, room]);

  const [outgoing, setOutgoing] = useState<readonly OutgoingLine[]>([]);
  const outgoingRef = useRef(outgoing);
  outgoingRef.current = outgoing;
  const linesRef = useRef(log.lines);
  linesRef.current = log.lines;
  const selfRef = useRef(selfId);
  selfRef.current = selfId;

  useEffect(() => {
    const failIfClosed = () => {
      if (client.state.status === 'closed') setOutgoing((lines) => failPending(lines, CLOSED_TEXT));
    };
    failIfClosed();
    return client.onState(failIfClosed);
  }, [client]);

  const attempt = useCallback(
    async (id: string, text: string) => {
      if (client.state.status === 'closed') {
        setOutgoing((lines) => withStatus(lines, id, 'failed', CLOSED_TEXT));
        throw new PulseRequestError('CLOSED', 'the connection is closed');
      }
      setOutgoing((lines) => withStatus(lines, id, 'pending'));
      try {
        await client.request('chat', { room, text, id });
        setOutgoing((lines) => withStatus(lines, id, 'delivered'));
      } catch (failure) {
        setOutgoing((lines) => withStatus(lines, id, 'failed', chatSendError(failure)));
        throw failure;
      }
    },
    [client, room],
  );

  const send = useCallback(
    async (text: string) => {
      client.typing(room, false);
      const id = nextLineId();
      const seenBefore = linesLike(linesRef.current, selfRef.current, text);
      setOutgoing((lines) => [...lines, { id, text, status: 'pending', seenBefore }]);
      await attempt(id, text);
    },
    [attempt, client, room],
  );
  const retry = useCallback(
    async (id: string) => {
      const line = outgoingRef.current.find((candidate) => candidate.id === id);
      if (line) await attempt(id, line.text);
    },
    [attempt],
  );
  const setTyping = useCallback((active: boolean) => client.typing(room, active), [client, room]);
  return { lines: log.lines, outgoing, typing, send, retry, setTyping };
}

/** What a line not sent because the link closed for good says: it will not arrive later. */
export const CLOSED_TEXT = 'Not sent: the connection is closed.';

const linePrefix = Math.random().toString(36).slice(2, 10);
let lineCounter = 0;

/** An id for a chat line, unique across this page's lines and tabs (the server remembers a user's ids a while). */
function nextLineId(): string {
  return `chat-${linePrefix}-${++lineCounter}`;
}

/** A sentence for a failed send, without echoing the line. */
export function chatSendError(error: unknown): string {
  if (!(error instanceof PulseRequestError)) return 'The message was not sent.';
  switch (error.code) {
    case 'TIMEOUT':
      return 'Not confirmed in time.';
    case 'RATE_LIMITED':
      return 'You are sending too fast; wait a moment.';
    case 'UNAVAILABLE':
      return 'Chat is unavailable right now; try again shortly.';
    case 'CLOSED':
      return CLOSED_TEXT;
    default:
      return 'The message was not sent.';
  }
}
