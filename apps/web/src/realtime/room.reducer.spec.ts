import type { ServerMessageOf } from '@pulse/protocol';
import { initialRoomState, playersInOrder, roomReducer, type RoomState } from './room.reducer';

const snapshot: ServerMessageOf<'snapshot'> = {
  type: 'snapshot',
  room: 'lobby',
  self: 'alice',
  seq: 10,
  players: [
    { id: 'alice', name: 'Alice', x: 1, y: 1, online: true },
    { id: 'bob', name: 'Bob', x: 5, y: 5, online: true },
  ],
};

function joined(): RoomState {
  return roomReducer(initialRoomState('lobby'), snapshot);
}

describe('roomReducer', () => {
  it('takes the board size from the snapshot, and keeps the default until one names it', () => {
    expect(joined().board).toEqual({ width: 32, height: 24 });
    const wide = roomReducer(joined(), { ...snapshot, seq: 11, board: { width: 40, height: 10 } });
    expect(wide.board).toEqual({ width: 40, height: 10 });
    expect(roomReducer(wide, { ...snapshot, seq: 12 }).board).toEqual({ width: 40, height: 10 });
  });

  it('takes the whole room from a snapshot', () => {
    const state = joined();
    expect(state.self).toBe('alice');
    expect(state.seq).toBe(10);
    expect(state.players['bob']).toEqual({ id: 'bob', name: 'Bob', x: 5, y: 5, online: true });
  });

  it('replaces, not merges, on a later snapshot (after a reconnect)', () => {
    const state = roomReducer(joined(), { ...snapshot, seq: 3, players: [snapshot.players[0]] });
    expect(Object.keys(state.players)).toEqual(['alice']);
    expect(state.seq).toBe(3);
  });

  it('moves another player', () => {
    const state = roomReducer(joined(), { type: 'move', room: 'lobby', player: 'bob', x: 6, y: 7, seq: 11 });
    expect(state.players['bob']).toMatchObject({ x: 6, y: 7 });
    expect(state.seq).toBe(11);
  });

  it('ignores a move of another room', () => {
    const before = joined();
    expect(roomReducer(before, { type: 'move', room: 'arena', player: 'bob', x: 6, y: 7, seq: 11 })).toBe(
      before,
    );
  });

  it('ignores an event the snapshot already covers', () => {
    const before = joined();
    expect(roomReducer(before, { type: 'move', room: 'lobby', player: 'bob', x: 9, y: 9, seq: 10 })).toBe(
      before,
    );
  });

  it('greys a player on presence offline, keeping where it was', () => {
    const state = roomReducer(joined(), {
      type: 'presence',
      room: 'lobby',
      player: 'bob',
      status: 'offline',
    });
    expect(state.players['bob']).toEqual({ id: 'bob', name: 'Bob', x: 5, y: 5, online: false });
  });

  it('adds a player on presence online, with its name and position', () => {
    const state = roomReducer(joined(), {
      type: 'presence',
      room: 'lobby',
      player: 'carol',
      status: 'online',
      name: 'Carol',
      x: 3,
      y: 4,
      seq: 12,
    });
    expect(state.players['carol']).toEqual({ id: 'carol', name: 'Carol', x: 3, y: 4, online: true });
    expect(state.seq).toBe(12);
  });

  it('brings an offline player back online where presence says', () => {
    let state = roomReducer(joined(), { type: 'presence', room: 'lobby', player: 'bob', status: 'offline' });
    state = roomReducer(state, {
      type: 'presence',
      room: 'lobby',
      player: 'bob',
      status: 'online',
      x: 0,
      y: 2,
    });
    expect(state.players['bob']).toEqual({ id: 'bob', name: 'Bob', x: 0, y: 2, online: true });
  });

  it('moves this user locally, and only once the snapshot says who that is', () => {
    const empty = initialRoomState('lobby');
    expect(roomReducer(empty, { type: 'self-move', x: 2, y: 2 })).toBe(empty);
    const state = roomReducer(joined(), { type: 'self-move', x: 2, y: 3 });
    expect(state.players['alice']).toMatchObject({ x: 2, y: 3 });
    expect(state.seq).toBe(10);
  });

  it('lists online players first, then by name', () => {
    const state = roomReducer(joined(), {
      type: 'presence',
      room: 'lobby',
      player: 'alice',
      status: 'offline',
    });
    expect(playersInOrder(state).map((p) => p.id)).toEqual(['bob', 'alice']);
  });
  it('keeps this user where they were when a later snapshot lost their position (a restarted server), to send it again', () => {
    const moved = roomReducer(joined(), { type: 'self-move', x: 7, y: 8 });
    const restarted = roomReducer(moved, {
      ...snapshot,
      seq: 1,
      epoch: 'after-restart',
      resync: true,
      players: [{ id: 'alice', name: 'Alice', x: 1, y: 1, online: true }],
    });
    expect(restarted.players['alice']).toEqual({ id: 'alice', name: 'Alice', x: 7, y: 8, online: true });
    expect(restarted.restore).toEqual({ x: 7, y: 8 });
    expect(Object.keys(restarted.players)).toEqual(['alice']);
    expect(restarted.seq).toBe(1);
  });

  it('asks for nothing to be restored on the first snapshot, or on one that agrees with this page', () => {
    expect(joined().restore).toBeUndefined();
    const moved = roomReducer(joined(), { type: 'self-move', x: 7, y: 8 });
    const agreed = roomReducer(moved, {
      ...snapshot,
      seq: 12,
      players: [{ id: 'alice', name: 'Alice', x: 7, y: 8, online: true }],
    });
    expect(agreed.restore).toBeUndefined();
    const otherUser = roomReducer(moved, { ...snapshot, self: 'bob' });
    expect(otherUser.restore).toBeUndefined();
    expect(otherUser.players['alice']).toMatchObject({ x: 1, y: 1 });
  });
});
