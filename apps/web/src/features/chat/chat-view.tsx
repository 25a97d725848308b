import { CHAT_TEXT_MAX_LENGTH } from '@pulse/protocol';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { KeptChatLine } from '../../realtime/chat.reducer';
import { typingText } from './typing-text';

export interface ChatViewProps {
  readonly lines: readonly KeptChatLine[];
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
export function ChatView({ lines, typingNames, selfId, onSend, onTyping, error }: ChatViewProps) {
  const [draft, setDraft] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  const inputId = useId();
  const last = lines.at(-1)?.key;

  useEffect(() => {
    const log = logRef.current;
    if (log && last !== undefined) log.scrollTop = log.scrollHeight;
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
      <ol ref={logRef} className="chat__log" role="log" aria-label="Chat messages" tabIndex={0}>
        {lines.map((line) => (
          <li key={line.key} className={line.player === selfId ? 'chat__line chat__line--self' : 'chat__line'}>
            <span className="chat__name">{line.player === selfId ? 'You' : line.name}</span>{' '}
            <span className="chat__text">{line.text}</span>{' '}
            <time className="chat__time" dateTime={new Date(line.at).toISOString()}>
              {clock.format(line.at)}
            </time>
          </li>
        ))}
        {lines.length === 0 && <li className="muted">No messages yet. Say hello!</li>}
      </ol>
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
