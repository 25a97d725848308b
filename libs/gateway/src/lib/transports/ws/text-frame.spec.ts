import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import * as ws from 'ws';
import { binaryFrameOf, textFrameOf } from './text-frame';

/** `ws` exports its frame parser but its typings do not declare it. */
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean }) => Writable & EventEmitter;
};

function parse(frame: Buffer): Promise<{ text: string; isBinary: boolean; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    // ws' own parser, as a client reads server frames: unmasked frames are what it expects from a server.
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) =>
      resolve({ text: data.toString('utf8'), isBinary, bytes: data }),
    );
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('textFrameOf', () => {
  it.each([
    ['an empty payload', 0],
    ['a payload with a 7-bit length', 125],
    ['the smallest 16-bit length', 126],
    ['a payload near the 16-bit limit', 0xffff],
    ['a payload with a 64-bit length', 0x10000 + 7],
  ])('frames %s so that a WebSocket client reads the same text back', async (_name, length) => {
    const text = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);
    const payload = Buffer.from(text, 'utf8');
    expect(payload.length).toBe(length);
    await expect(parse(textFrameOf(text))).resolves.toMatchObject({ text, isBinary: false });
  });

  it('writes FIN and the text opcode in the first byte and no mask bit', () => {
    const frame = textFrameOf('{"type":"pong","t":1}');
    expect(frame[0]).toBe(0x81);
    expect(frame[1] & 0x80).toBe(0);
  });

  it.each([0, 125, 126, 0xffff, 0x10000 + 7])(
    'frames %i bytes as a binary frame (opcode 2) that a WebSocket client reads back',
    async (length) => {
      const payload = Buffer.from(Array.from({ length }, (_, i) => i % 251));
      const frame = binaryFrameOf(payload);
      expect(frame[0]).toBe(0x82);
      const parsed = await parse(frame);
      expect(parsed.isBinary).toBe(true);
      expect(parsed.bytes.equals(payload)).toBe(true);
    },
  );
});
