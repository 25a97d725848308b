import type { ServerMessageOf } from '@pulse/protocol';
import { noPointers, pointersReducer, type PointersState } from './pointers.reducer';

const cursor = (player: string, x: number, y: number, room = 'r1'): ServerMessageOf<'cursor'> => ({
  type: 'cursor',
  room,
  player,
  x,
  y,
});
const reduce = (state: PointersState, action: Parameters<typeof pointersReducer>[2]) =>
  pointersReducer('r1', state, action);

describe('pointersReducer', () => {
  it("keeps each player's latest pointer", () => {
    let state = reduce(noPointers, cursor('bob', 1.5, 2.5));
    state = reduce(state, cursor('carol', 10, 3));
    state = reduce(state, cursor('bob', 4.25, 2));
    expect(state).toEqual({ bob: { player: 'bob', x: 4.25, y: 2 }, carol: { player: 'carol', x: 10, y: 3 } });
  });

  it('ignores pointers of other rooms', () => {
    expect(reduce(noPointers, cursor('bob', 1, 1, 'elsewhere'))).toBe(noPointers);
  });

  it('removes the pointer of a player who went offline, and only theirs', () => {
    const state = reduce(reduce(noPointers, cursor('bob', 1, 1)), cursor('carol', 2, 2));
    const offline: ServerMessageOf<'presence'> = {
      type: 'presence',
      room: 'r1',
      player: 'bob',
      status: 'offline',
      seq: 9,
    };
    expect(reduce(state, offline)).toEqual({ carol: { player: 'carol', x: 2, y: 2 } });
    expect(reduce(state, { ...offline, status: 'online' })).toBe(state);
  });

  it('keeps after a snapshot only the pointers of players it has online', () => {
    const state = reduce(reduce(noPointers, cursor('bob', 1, 1)), cursor('carol', 2, 2));
    const snapshot: ServerMessageOf<'snapshot'> = {
      type: 'snapshot',
      room: 'r1',
      self: 'alice',
      seq: 12,
      resync: true,
      players: [
        { id: 'alice', name: 'Alice', x: 0, y: 0, online: true },
        { id: 'bob', name: 'Bob', x: 1, y: 1, online: false },
        { id: 'carol', name: 'Carol', x: 2, y: 2, online: true },
      ],
    };
    expect(reduce(state, snapshot)).toEqual({ carol: { player: 'carol', x: 2, y: 2 } });
  });
});
