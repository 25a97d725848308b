import { encode } from '@msgpack/msgpack';
import { ErrorCode } from './codes';
import {
  decodeBinaryClientMessage,
  decodeBinaryServerMessage,
  encodeBinaryMessage,
  encodingOf,
  MSGPACK_PROTOCOL,
} from './msgpack-codec';
import type { ServerMessageOf } from './registry';

describe('the MessagePack encoding', () => {
  it('is negotiated as pulse.v1.msgpack; anything else is JSON', () => {
    expect(MSGPACK_PROTOCOL).toBe('pulse.v1.msgpack');
    expect(encodingOf('pulse.v1.msgpack')).toBe('msgpack');
    expect(encodingOf('pulse.v1')).toBe('json');
    expect(encodingOf(undefined)).toBe('json');
  });

  it('round-trips a server message, leaving undefined fields out as JSON does', () => {
    const snapshot: ServerMessageOf<'snapshot'> = {
      type: 'snapshot',
      room: 'lobby',
      self: 'alice',
      players: [{ id: 'alice', name: 'Alice', x: 1, y: 2, online: true }],
      seq: 7,
      epoch: 'e1',
      resync: undefined,
    };
    const bytes = encodeBinaryMessage(snapshot);
    const { resync: _left, ...expected } = snapshot;
    expect(decodeBinaryServerMessage(bytes)).toEqual({ ok: true, message: expected });
    expect(bytes.length).toBeLessThan(JSON.stringify(expected).length);
  });

  it('checks client frames with the same validators as JSON, keeping a well-formed id', () => {
    expect(decodeBinaryClientMessage(encode({ type: 'move', room: 'lobby', x: 1, y: 2 }))).toEqual({
      ok: true,
      message: { type: 'move', room: 'lobby', x: 1, y: 2 },
    });
    const refused = decodeBinaryClientMessage(
      encode({ type: 'move', room: 'lobby', x: 'one', y: 2, id: 'm1' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_MESSAGE, id: 'm1' } });
    expect(decodeBinaryClientMessage(encode({ type: 'launch' }))).toMatchObject({
      ok: false,
      error: { code: ErrorCode.UNKNOWN_TYPE },
    });
  });

  it.each([
    ['garbage bytes', Uint8Array.from([0xc1, 0xff, 0x00])],
    ['a truncated map', encode({ type: 'ping', t: 1 }).subarray(0, 5)],
    ['an array', encode([{ type: 'ping', t: 1 }])],
    ['a timestamp where a number goes', encode({ type: 'ping', t: new Date(0) })],
    ['binary where a string goes', encode({ type: 'join', room: Uint8Array.from([1, 2]) })],
    [
      'a __proto__ key',
      Uint8Array.from([
        0x82,
        0xa4,
        ...Buffer.from('type'),
        0xa4,
        ...Buffer.from('ping'),
        0xa9,
        ...Buffer.from('__proto__'),
        0x80,
      ]),
    ],
  ])('refuses %s with INVALID_MESSAGE, never throwing', (_name, frame) => {
    const decoded = decodeBinaryClientMessage(frame);
    expect(decoded).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_MESSAGE } });
  });
});
