import { GameRoomState } from './game-room.state';

const alice = { id: 'alice', name: 'Alice' };
const bob = { id: 'bob', name: 'Bob' };

describe('GameRoomState', () => {
  it('adds a joining player at the spawn point and announces it online', () => {
    const room = new GameRoomState('r1');
    expect(room.comeOnline(alice, { x: 3, y: 4 })).toEqual({
      type: 'presence',
      room: 'r1',
      player: 'alice',
      status: 'online',
      name: 'Alice',
      x: 3,
      y: 4,
    });
    expect(room.snapshot('alice')).toEqual({
      type: 'snapshot',
      room: 'r1',
      self: 'alice',
      players: [{ id: 'alice', name: 'Alice', x: 3, y: 4, online: true }],
      board: { width: 32, height: 24 },
    });
  });

  it('moves a player', () => {
    const room = new GameRoomState('r1');
    room.comeOnline(alice, { x: 0, y: 0 });
    room.comeOnline(bob, { x: 1, y: 1 });
    expect(room.move('alice', 10, 20)).toEqual({
      type: 'move',
      room: 'r1',
      player: 'alice',
      x: 10,
      y: 20,
    });
    expect(room.snapshot('bob').players.find((p) => p.id === 'alice')).toMatchObject({ x: 10, y: 20 });
  });

  it('ignores a move by someone who never joined', () => {
    const room = new GameRoomState('r1');
    expect(room.move('mallory', 1, 1)).toBeNull();
    expect(room.snapshot('mallory').players).toEqual([]);
  });

  it('keeps an offline player, with their position, and brings them back where they were', () => {
    const room = new GameRoomState('r1');
    room.comeOnline(alice, { x: 0, y: 0 });
    room.move('alice', 7, 8);
    expect(room.goOffline('alice')).toEqual({
      type: 'presence',
      room: 'r1',
      player: 'alice',
      status: 'offline',
    });
    expect(room.goOffline('alice')).toBeNull();
    expect(room.snapshot('bob').players).toEqual([{ id: 'alice', name: 'Alice', x: 7, y: 8, online: false }]);
    expect(room.comeOnline(alice, { x: 0, y: 0 })).toMatchObject({ status: 'online', x: 7, y: 8 });
    expect(room.onlineCount()).toBe(1);
  });
});
