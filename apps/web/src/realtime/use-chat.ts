import { PulseRequestError, TypingTracker } from '@pulse/client';
import { useCallback, useEffect, useState } from 'react';
import { chatEpochSeen, emptyChatLog, mergeChatLines, type KeptChatLine } from './chat.reducer';
import { usePulseClient } from './pulse-context';

export interface Chat {
  /** The room's lines, oldest first. */
  readonly lines: readonly KeptChatLine[];
  /** Players typing right now, in the order they started (this user's other tabs included). */
  readonly typing: readonly string[];
  /** Sends a line; resolves once the server took it, rejects with a `PulseRequestError` otherwise. */
  readonly send: (text: string) => Promise<void>;
  /** Tells the others whether this user is typing (the SDK throttles it). */
  readonly setTyping: (active: boolean) => void;
}

/**
 * The chat of a room this page joined (with `useRoom`): its recent lines, asked for after every snapshot and merged
 * with live and replayed lines by seq (lines from before a restart of the room's history stay, see `ChatLog`), and who is typing (forgotten after a few seconds without a refresh, when their
 * line arrives or when they go offline).
 */
export function useChat(room: string): Chat {
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
        if (event.room === room && event.status === 'offline') tracker.clear(event.player);
      }),
    ];
    return () => {
      for (const off of unsubscribe) off();
      tracker.dispose();
      client.typing(room, false);
    };
  }, [client, room]);

  const send = useCallback(
    async (text: string) => {
      client.typing(room, false);
      await client.request('chat', { room, text });
    },
    [client, room],
  );
  const setTyping = useCallback((active: boolean) => client.typing(room, active), [client, room]);
  return { lines: log.lines, typing, send, setTyping };
}

/** A sentence for a failed send, without echoing the line. */
export function chatSendError(error: unknown): string {
  if (!(error instanceof PulseRequestError)) return 'The message was not sent.';
  switch (error.code) {
    case 'TIMEOUT':
      return 'The message was not confirmed in time; it may arrive later.';
    case 'RATE_LIMITED':
      return 'You are sending too fast; wait a moment.';
    case 'UNAVAILABLE':
      return 'Chat is unavailable right now; try again shortly.';
    case 'CLOSED':
      return 'You are signed out.';
    default:
      return 'The message was not sent.';
  }
}
