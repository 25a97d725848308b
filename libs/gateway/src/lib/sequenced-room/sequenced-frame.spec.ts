import { decodeServerMessage } from '@pulse/protocol';
import { sequencedFrame, sequencedFrameHead } from './sequenced-frame';

describe('sequencedFrameHead', () => {
  it('gives the frame of the numbered message, seq last, byte for byte what encoding it whole gives', () => {
    const move = { type: 'move', room: 'r1', player: 'p', x: 3, y: -4 } as const;
    const frame = sequencedFrame(sequencedFrameHead(move), 42);
    expect(frame).toBe(JSON.stringify({ ...move, seq: 42 }));
    expect(decodeServerMessage(frame)).toEqual({ ok: true, message: { ...move, seq: 42 } });
  });

  it('keeps text that looks like JSON syntax inside a field intact', () => {
    const line = { type: 'chat', room: 'r', player: 'p', name: 'N', text: '"seq":1}', at: 5 } as const;
    expect(JSON.parse(sequencedFrame(sequencedFrameHead(line), 7))).toEqual({ ...line, seq: 7 });
  });
});
