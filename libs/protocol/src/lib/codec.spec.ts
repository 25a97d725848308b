import { ErrorCode } from './codes';
import { decodeClientMessage, decodeServerMessage, encodeMessage } from './codec';
import type { ClientMessage, ServerMessage } from './registry';

const validClientMessages: ClientMessage[] = [
  { type: 'join', room: 'r1' },
  { type: 'join', room: 'ticker:ACME', id: 'abc' },
  { type: 'leave', room: 'r1' },
  { type: 'move', room: 'r1', x: 10, y: 20 },
  { type: 'move', room: 'r1', x: -3.5, y: 0, id: 'm-1' },
  { type: 'ping', t: 123 },
];

const validServerMessages: ServerMessage[] = [
  {
    type: 'snapshot',
    room: 'r1',
    self: 'alice',
    seq: 3,
    players: [{ id: 'alice', name: 'alice', x: 1, y: 2, online: true }],
  },
  { type: 'snapshot', room: 'r1', self: 'alice', seq: 3, players: [], board: { width: 32, height: 24 } },
  { type: 'presence', room: 'r1', player: 'bob', status: 'offline' },
  { type: 'presence', room: 'r1', player: 'bob', status: 'online', name: 'Bob', x: 0, y: 0, seq: 4 },
  { type: 'move', room: 'r1', player: 'alice', x: 10, y: 20, seq: 5 },
  { type: 'pong', t: 123 },
  { type: 'ack', id: 'abc' },
  { type: 'error', code: 'NOT_IN_ROOM', message: 'join the room first', id: 'abc' },
];

describe('decodeClientMessage', () => {
  it.each(validClientMessages.map((m) => [m.type, m]))('accepts a valid %s', (_type, message) => {
    expect(decodeClientMessage(encodeMessage(message))).toEqual({ ok: true, message });
  });

  it('keeps unknown extra fields, so later protocol versions can extend a message', () => {
    const result = decodeClientMessage('{"type":"ping","t":1,"future":true}');
    expect(result.ok).toBe(true);
  });

  const invalid: Array<[string, string, ErrorCode]> = [
    ['not JSON', '{"type":', ErrorCode.INVALID_MESSAGE],
    ['an array', '[1,2]', ErrorCode.INVALID_MESSAGE],
    ['a string', '"join"', ErrorCode.INVALID_MESSAGE],
    ['null', 'null', ErrorCode.INVALID_MESSAGE],
    ['no type', '{"room":"r1"}', ErrorCode.INVALID_MESSAGE],
    ['a numeric type', '{"type":7}', ErrorCode.INVALID_MESSAGE],
    ['an unknown type', '{"type":"teleport","room":"r1"}', ErrorCode.UNKNOWN_TYPE],
    ['a server-only type', '{"type":"snapshot","room":"r1"}', ErrorCode.UNKNOWN_TYPE],
    ['a prototype key as type', '{"type":"constructor"}', ErrorCode.UNKNOWN_TYPE],
    ['join without room', '{"type":"join"}', ErrorCode.INVALID_MESSAGE],
    ['join with an empty room', '{"type":"join","room":""}', ErrorCode.INVALID_MESSAGE],
    ['join with a room of bad characters', '{"type":"join","room":"a b"}', ErrorCode.INVALID_MESSAGE],
    [
      'join with a 65-character room',
      `{"type":"join","room":"${'r'.repeat(65)}"}`,
      ErrorCode.INVALID_MESSAGE,
    ],
    ['leave with a numeric room', '{"type":"leave","room":1}', ErrorCode.INVALID_MESSAGE],
    ['move without y', '{"type":"move","room":"r1","x":1}', ErrorCode.INVALID_MESSAGE],
    ['move with a string x', '{"type":"move","room":"r1","x":"1","y":2}', ErrorCode.INVALID_MESSAGE],
    ['move out of bounds', '{"type":"move","room":"r1","x":1e9,"y":2}', ErrorCode.INVALID_MESSAGE],
    ['ping without t', '{"type":"ping"}', ErrorCode.INVALID_MESSAGE],
    ['a numeric id', '{"type":"ping","t":1,"id":5}', ErrorCode.INVALID_MESSAGE],
  ];

  it.each(invalid)('refuses %s with %s', (_name, frame, code) => {
    const result = decodeClientMessage(frame);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it('carries a well-formed id into the error so the client can match it', () => {
    const result = decodeClientMessage('{"type":"move","room":"r1","x":"far","y":2,"id":"m-9"}');
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ id: 'm-9', code: ErrorCode.INVALID_MESSAGE }),
    });
  });

  it('names the faulty field without echoing its value', () => {
    const secret = 'sekrit-value-that-must-not-come-back';
    const result = decodeClientMessage(JSON.stringify({ type: 'move', room: 'r1', x: secret, y: 1 }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('x');
      expect(result.error.message).not.toContain(secret);
    }
    const unknown = decodeClientMessage(JSON.stringify({ type: secret }));
    expect(unknown.ok || unknown.error.message.includes(secret)).toBe(false);
  });
});

describe('decodeServerMessage', () => {
  it.each(validServerMessages.map((m) => [m.type, m]))('accepts a valid %s', (_type, message) => {
    expect(decodeServerMessage(encodeMessage(message))).toEqual({ ok: true, message });
  });

  it('refuses a snapshot whose board has no cells or fractional cells', () => {
    const snapshot = { type: 'snapshot', room: 'r1', self: 'alice', seq: 0, players: [] };
    expect(decodeServerMessage(JSON.stringify({ ...snapshot, board: { width: 0, height: 24 } })).ok).toBe(
      false,
    );
    expect(decodeServerMessage(JSON.stringify({ ...snapshot, board: { width: 32.5, height: 24 } })).ok).toBe(
      false,
    );
    expect(decodeServerMessage(JSON.stringify({ ...snapshot, board: { width: 32, height: 24 } })).ok).toBe(
      true,
    );
  });

  it('refuses a move event without its player', () => {
    expect(decodeServerMessage('{"type":"move","room":"r1","x":1,"y":2,"seq":1}').ok).toBe(false);
  });

  it('refuses an error with a code outside the table', () => {
    expect(decodeServerMessage('{"type":"error","code":"NOPE","message":"x"}').ok).toBe(false);
  });
});
