import type { ServerMessage } from '@pulse/protocol';
import { OutboundFrame } from '../dispatch/outbound-frame';
import { SendBacklog } from './send-backlog';

const move = (player: string, x: number, seq: number, room = 'r1'): OutboundFrame =>
  OutboundFrame.of({ type: 'move', room, player, x, y: 0, seq });
const presence = (player: string, seq: number): OutboundFrame =>
  OutboundFrame.of({ type: 'presence', room: 'r1', player, status: 'offline', seq });
const seqs = (frames: OutboundFrame[]) =>
  frames.map((f) => (f.message as ServerMessage & { seq: number }).seq);

describe('SendBacklog', () => {
  it('keeps only the latest move per player and room, in seq order, and drops nothing else', () => {
    const backlog = new SendBacklog();
    backlog.push(move('a', 1, 1));
    backlog.push(move('b', 1, 2));
    backlog.push(presence('c', 3));
    backlog.push(move('a', 2, 4));
    backlog.push(move('a', 3, 5, 'r2'));
    backlog.push(move('a', 4, 6));
    const frames = backlog.drain();
    expect(seqs(frames)).toEqual([2, 3, 5, 6]);
    expect(frames.map((f) => f.message.type)).toEqual(['move', 'presence', 'move', 'move']);
  });

  it('counts the bytes it holds, so the budget sees conflation, and empties on drain', () => {
    const backlog = new SendBacklog();
    backlog.push(move('a', 1, 1));
    const one = backlog.bytes;
    backlog.push(move('a', 2, 2));
    expect(backlog.bytes).toBe(one);
    backlog.push(presence('b', 3));
    expect(backlog.bytes).toBeGreaterThan(one);
    backlog.drain();
    expect(backlog.bytes).toBe(0);
    expect(backlog.drain()).toEqual([]);
  });
});
