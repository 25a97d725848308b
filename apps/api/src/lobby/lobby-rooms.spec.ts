import { lobbyRooms } from './lobby-rooms';

describe('lobbyRooms', () => {
  it('lists rooms with players online, busiest first, then by name', () => {
    const counts = [
      { room: 'quiet', online: 1 },
      { room: 'empty', online: 0 },
      { room: 'busy', online: 3 },
      { room: 'another', online: 1 },
    ];
    expect(lobbyRooms(counts)).toEqual({
      rooms: [
        { name: 'busy', online: 3 },
        { name: 'another', online: 1 },
        { name: 'quiet', online: 1 },
      ],
    });
  });

  it('keeps the busiest rooms when there are more than the limit', () => {
    const counts = Array.from({ length: 5 }, (_, i) => ({ room: `r${i}`, online: i + 1 }));
    expect(lobbyRooms(counts, 2).rooms.map((room) => room.name)).toEqual(['r4', 'r3']);
  });
});
