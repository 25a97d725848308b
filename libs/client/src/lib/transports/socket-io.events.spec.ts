import type { ServerMessageOf } from '@pulse/protocol';
import { decodeSocketIoEvent } from './socket-io.events';
import { decodeWebSocketFrame } from './websocket.transport';

const move: ServerMessageOf<'move'> = { type: 'move', room: 'lobby', player: 'bob', x: 1, y: 2, seq: 3 };

describe('decodeSocketIoEvent', () => {
  it('accepts a server message carried by the event of its type', () => {
    expect(decodeSocketIoEvent('move', [move])).toEqual({ ok: true, message: move });
  });

  it('refuses events that are not server messages', () => {
    expect(decodeSocketIoEvent('join', [{ type: 'join', room: 'lobby' }])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_TYPE' },
    });
    expect(decodeSocketIoEvent('toString', [move])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_TYPE' },
    });
  });

  it.each([
    ['no argument', []],
    ['two arguments', [move, move]],
    ['a string argument', [JSON.stringify(move)]],
    ['an array argument', [[move]]],
    ['a message of another type', [{ ...move, type: 'pong' }]],
    ['a message without its type', [{ room: 'lobby', player: 'bob', x: 1, y: 2, seq: 3 }]],
    ['a move without coordinates', [{ type: 'move', room: 'lobby', player: 'bob', seq: 3 }]],
    ['an argument that is not JSON', [{ ...move, x: BigInt(1) }]],
  ])('refuses %s as an invalid message, without echoing it', (_case, args: unknown[]) => {
    const result = decodeSocketIoEvent('move', args);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
    expect(JSON.stringify(result)).not.toContain('bob');
  });
});

describe('decodeWebSocketFrame', () => {
  it('decodes a text frame and refuses a binary one', () => {
    expect(decodeWebSocketFrame(JSON.stringify(move))).toEqual({ ok: true, message: move });
    expect(decodeWebSocketFrame(new ArrayBuffer(4))).toEqual({
      ok: false,
      error: { code: 'INVALID_MESSAGE', message: 'binary frames are not part of the protocol' },
    });
  });
});
