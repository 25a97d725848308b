import { ErrorCode } from '../codes';
import { decodeClientMessage, decodeServerMessage, encodeMessage } from '../codec';
import type { ClientMessageOf, ServerMessageOf } from '../registry';

describe('cursor messages', () => {
  const cursor = (fields: Record<string, unknown>) =>
    decodeClientMessage(JSON.stringify({ type: 'cursor', room: 'r1', ...fields }));

  it('carries a fractional pointer position in cells', () => {
    const request: ClientMessageOf<'cursor'> = { type: 'cursor', room: 'r1', x: 12.375, y: 0 };
    expect(decodeClientMessage(encodeMessage(request))).toEqual({ ok: true, message: request });
    expect(cursor({ x: 1023.999, y: 0.001 }).ok).toBe(true);
  });

  it('refuses a position below 0 or at the largest board size and beyond, and anything that is not a number', () => {
    for (const fields of [
      { x: -0.01, y: 1 },
      { x: 1, y: 1024 },
      { x: 1e9, y: 1 },
      { x: '1', y: 1 },
      { x: null, y: 1 },
      { y: 1 },
    ]) {
      expect(cursor(fields)).toEqual({
        ok: false,
        error: { code: ErrorCode.INVALID_MESSAGE, message: expect.any(String) },
      });
    }
  });

  it('names the player in what the server relays, and is not sequenced', () => {
    const event: ServerMessageOf<'cursor'> = { type: 'cursor', room: 'r1', player: 'bob', x: 2.5, y: 3.5 };
    expect(decodeServerMessage(encodeMessage(event))).toEqual({ ok: true, message: event });
    const sequenced: ServerMessageOf<'cursor'> = {
      type: 'cursor',
      room: 'r1',
      player: 'bob',
      x: 1,
      y: 1,
      // @ts-expect-error a cursor is not numbered in the room's sequence
      seq: 4,
    };
    expect(sequenced).toHaveProperty('seq', 4);
    // @ts-expect-error the relayed cursor names its player
    const anonymous: ServerMessageOf<'cursor'> = { type: 'cursor', room: 'r1', x: 1, y: 1 };
    expect(decodeServerMessage(encodeMessage(anonymous)).ok).toBe(false);
  });
});
