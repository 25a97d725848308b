import type { ServerMessage } from '@pulse/protocol';
import { ResumePoints } from './resume-points';

const snapshot = (seq: number, epoch?: string): ServerMessage => ({
  type: 'snapshot',
  room: 'r1',
  self: 'alice',
  players: [],
  seq,
  ...(epoch ? { epoch } : {}),
});

describe('ResumePoints', () => {
  it('starts at the snapshot and follows every sequenced event of the room', () => {
    const points = new ResumePoints();
    points.observe(snapshot(4, 'e1'));
    points.observe({ type: 'move', room: 'r1', player: 'bob', x: 1, y: 1, seq: 5 });
    points.observe({ type: 'chat', room: 'r1', player: 'bob', name: 'Bob', text: 'hi', at: 1, seq: 6 });
    points.observe({ type: 'presence', room: 'r1', player: 'bob', status: 'offline', seq: 7 });
    expect(points.get('r1')).toEqual({ seq: 7, epoch: 'e1' });
    points.observe({ type: 'resumed', room: 'r1', seq: 9 });
    expect(points.get('r1')).toEqual({ seq: 9, epoch: 'e1' });
  });

  it('ignores unsequenced signals, older seqs and rooms without a snapshot', () => {
    const points = new ResumePoints();
    points.observe(snapshot(4, 'e1'));
    points.observe({ type: 'typing', room: 'r1', player: 'bob', active: true });
    points.observe({ type: 'presence', room: 'r1', player: 'bob', status: 'offline' });
    points.observe({ type: 'move', room: 'r1', player: 'bob', x: 1, y: 1, seq: 3 });
    points.observe({ type: 'move', room: 'r2', player: 'bob', x: 1, y: 1, seq: 30 });
    expect(points.get('r1')).toEqual({ seq: 4, epoch: 'e1' });
    expect(points.get('r2')).toBeUndefined();
  });

  it('restarts from a resync snapshot, even at a lower seq, and forgets a room without an epoch or after leaving', () => {
    const points = new ResumePoints();
    points.observe(snapshot(40, 'e1'));
    points.observe({ ...snapshot(2, 'e2'), resync: true } as ServerMessage);
    expect(points.get('r1')).toEqual({ seq: 2, epoch: 'e2' });
    points.observe(snapshot(3));
    expect(points.get('r1')).toBeUndefined();
    points.observe(snapshot(5, 'e2'));
    points.forget('r1');
    expect(points.get('r1')).toBeUndefined();
  });
});
