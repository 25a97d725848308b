import { decodeBinaryServerMessage, decodeServerMessage, type ServerMessageOf } from '@pulse/protocol';
import { OutboundFrame } from './outbound-frame';

const move = (seq: number): ServerMessageOf<'move'> => ({
  type: 'move',
  room: 'r',
  player: 'p',
  x: seq % 32,
  y: 0,
  seq,
});

describe('OutboundFrame', () => {
  it('encodes a message once per encoding and hands every recipient the same bytes', () => {
    const frame = OutboundFrame.of(move(1));
    expect(frame.wireFrameFor('json')).toBe(frame.wireFrameFor('json'));
    expect(frame.wireFrameFor('msgpack')).toBe(frame.wireFrameFor('msgpack'));
    expect(frame.wireFrameFor('json')[0]).toBe(0x81);
    expect(frame.wireFrameFor('msgpack')[0]).toBe(0x82);
    expect(decodeBinaryServerMessage(frame.binary)).toEqual({ ok: true, message: move(1) });
  });

  it('re-encodes relayed JSON text as MessagePack', () => {
    const frame = OutboundFrame.fromTrustedText(JSON.stringify(move(2)));
    expect(decodeBinaryServerMessage(frame.binary)).toEqual({ ok: true, message: move(2) });
  });

  it.each([2, 15, 16, 200])(
    'builds a batch of %i frames from their own encodings, equal to the batch message in both',
    (count) => {
      const parts = Array.from({ length: count }, (_, i) => OutboundFrame.of(move(i)));
      const batch = OutboundFrame.batchOf(parts);
      const expected = { type: 'batch', messages: parts.map((part) => part.message) };
      expect(decodeServerMessage(batch.text)).toEqual({ ok: true, message: expected });
      expect(decodeBinaryServerMessage(batch.binary)).toEqual({ ok: true, message: expected });
      expect(batch.message).toEqual(expected);
    },
  );
});
