import { ErrorCode } from '../codes';
import { decodeClientMessage, decodeServerMessage, encodeMessage } from '../codec';
import type { ClientMessageOf, ServerMessageOf } from '../registry';
import { CHAT_HISTORY_LIMIT, CHAT_TEXT_MAX_LENGTH } from './chat.messages';

const line = (seq: number): ServerMessageOf<'chat'> => ({
  type: 'chat',
  room: 'r1',
  player: 'bob',
  name: 'Bob',
  text: `line ${seq}`,
  at: 1_700_000_000_000,
  seq,
});

describe('chat messages', () => {
  it('accepts chat lines of 1 to 500 characters, and refuses empty, blank and longer ones', () => {
    const chat = (text: string) =>
      decodeClientMessage(encodeMessage({ type: 'chat', room: 'r1', text, id: 'c1' }));
    expect(chat('x').ok).toBe(true);
    expect(chat('<img src=x onerror=alert(1)>').ok).toBe(true);
    expect(chat('é'.repeat(CHAT_TEXT_MAX_LENGTH)).ok).toBe(true);
    for (const text of ['', '   \n\t', 'x'.repeat(CHAT_TEXT_MAX_LENGTH + 1)]) {
      expect(chat(text)).toEqual({
        ok: false,
        error: { code: ErrorCode.INVALID_MESSAGE, message: expect.stringContaining('text'), id: 'c1' },
      });
    }
  });

  it('carries typing as a boolean only', () => {
    const typing: ClientMessageOf<'typing'> = { type: 'typing', room: 'r1', active: true };
    expect(decodeClientMessage(encodeMessage(typing))).toEqual({ ok: true, message: typing });
    expect(decodeClientMessage('{"type":"typing","room":"r1","active":"yes"}').ok).toBe(false);
    // @ts-expect-error the server's typing event names the player; a client's request does not
    const event: ServerMessageOf<'typing'> = { type: 'typing', room: 'r1', active: false };
    expect(decodeServerMessage(encodeMessage(event)).ok).toBe(false);
  });

  it('bounds the history a server may send', () => {
    const full: ServerMessageOf<'chat-history'> = {
      type: 'chat-history',
      room: 'r1',
      messages: Array.from({ length: CHAT_HISTORY_LIMIT }, (_, i) => line(i + 1)),
    };
    expect(decodeServerMessage(encodeMessage(full))).toEqual({ ok: true, message: full });
    const tooLong = { ...full, messages: [...full.messages, line(CHAT_HISTORY_LIMIT + 1)] };
    expect(decodeServerMessage(encodeMessage(tooLong)).ok).toBe(false);
  });

  it('requires a sequenced, timestamped chat event from the server', () => {
    const { seq: _seq, ...unsequenced } = line(1);
    expect(decodeServerMessage(JSON.stringify(unsequenced)).ok).toBe(false);
    expect(decodeServerMessage(encodeMessage(line(1))).ok).toBe(true);
  });
});
