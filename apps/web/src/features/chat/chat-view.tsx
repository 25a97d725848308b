import { CHAT_TEXT_MAX_LENGTH } from '@pulse/protocol';
import { useEffect, useId, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import type { OutgoingLine } from '../../realtime/chat-outbox';
import type { KeptLine } from '../../realtime/chat.reducer';
import { playerColour } from '../game/player-colour';
import { typingText } from './typing-text';

export interface ChatViewProps {
  readonly lines: readonly KeptLine[];
  /** This user's lines not in `lines` yet, shown after them with their status. @default [] */
  readonly outgoing?: readonly OutgoingLine[];
  /** A player's name, for join and leave lines. @default the id */
  readonly nameOf?: (playerId: string) => string;
  /** Sends a failed outgoing line again. */
  readonly onRetry?: (id: string) => void;
  /** Names of the others typing now. */
  readonly typingNames: readonly string[];
  readonly selfId: string | undefined;
  /** Sends a line; a rejection is shown as `error` by the caller. */
  readonly onSend: (text: string) => Promise<void>;
  readonly onTyping: (active: boolean) => void;
  /** Why the last send failed, if it did. */
  readonly error: string | null;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The chat of a room. Lines are untrusted user text and are rendered as text nodes only. The typing line and the form
 * keep their height whatever they show, so nothing below them jumps.
 */
const colourOf = (playerId: string) => ({ '--player-colour': playerColour(playerId) }) as CSSProperties;
const sameId = (playerId: string) => playerId;

const outgoingStatus: Readonly<Record<OutgoingLine['status'], string>> = {
  pending: 'Sending…',
  delivered: 'Sent',
  failed: 'Not sent',
};

export function ChatView({
  lines,
  outgoing = [],
  typingNames,
  selfId,
  nameOf = sameId,
  onSend,
  onRetry,
  onTyping,
  error,
}: ChatViewProps) {
  const [draft, setDraft] = useState('');
  const logRef = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const last = `${lines.at(-1)?.key}:${outgoing.length}`;

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [last]);

  function change(text: string) {
    setDraft(text);
    onTyping(text.trim().length > 0);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    onSend(text).catch(() => undefined);
  }

  return (
    <section className="card chat" aria-labelledby="chat-title">
      <h3 id="chat-title">Chat</h3>
      {/* The log is the live, scrollable region; the list inside keeps its list semantics (role="log" on the <ol> would drop them). */}
      <div ref={logRef} className="chat__log" role="log" aria-label="Chat messages" tabIndex={0}>
        <ol className="chat__lines">
          {lines.map((line) =>
            line.type === 'presence-line' ? (
              <li key={line.key} className="chat__line chat__line--event" style={colourOf(line.player)}>
                <span className="chat__name">{line.player === selfId ? 'You' : nameOf(line.player)}</span>{' '}
                {line.status === 'joined' ? 'joined' : 'left'}
              </li>
            ) : (
              <li
                key={line.key}
                className={line.player === selfId ? 'chat__line chat__line--self' : 'chat__line'}
                style={colourOf(line.player)}
              >
                <span className="chat__name">{line.player === selfId ? 'You' : line.name}</span>{' '}
                <span className="chat__text">{line.text}</span>{' '}
                <time className="chat__time" dateTime={new Date(line.at).toISOString()}>
                  {clock.format(line.at)}
                </time>
              </li>
            ),
          )}
          {outgoing.map((line) => (
            <li
              key={line.id}
              className={`chat__line chat__line--self chat__line--${line.status === 'failed' ? 'failed' : 'pending'}`}
              style={selfId === undefined ? undefined : colourOf(selfId)}
              data-status={line.status}
            >
              <span className="chat__name">You</span> <span className="chat__text">{line.text}</span>{' '}
              <span className="chat__status">
                {line.status === 'failed'
                  ? (line.error ?? outgoingStatus.failed)
                  : outgoingStatus[line.status]}
              </span>
              {line.status === 'failed' && onRetry && (
                <button type="button" className="secondary chat__retry" onClick={() => onRetry(line.id)}>
                  Retry
                </button>
              )}
            </li>
          ))}
          {lines.length === 0 && outgoing.length === 0 && (
            <li className="muted">No messages yet. Say hello!</li>
          )}
        </ol>
      </div>
      <p className="chat__typing muted" aria-live="polite">
        {typingText(typingNames)}
      </p>
      <form className="chat__form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={inputId}>
          Message
        </label>
        <input
          id={inputId}
          name="message"
          autoComplete="off"
          maxLength={CHAT_TEXT_MAX_LENGTH}
          placeholder="Message"
          value={draft}
          onChange={(e) => change(e.target.value)}
          onBlur={() => onTyping(false)}
        />
        <button type="submit" disabled={draft.trim().length === 0}>
          Send
        </button>
      </form>
      <p className="form-error chat__error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}
