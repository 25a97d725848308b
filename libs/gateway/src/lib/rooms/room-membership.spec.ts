import { RoomMembership } from './room-membership';

const tab = (id: string, user: string) => ({ id, user: { id: user } });

describe('RoomMembership', () => {
  it('reports the first connection of a user as the user coming online', () => {
    const rooms = new RoomMembership();
    const a1 = tab('a1', 'alice');
    expect(rooms.join(a1, 'r1')).toEqual({ alreadyMember: false, firstForUser: true });
    expect(rooms.join(tab('a2', 'alice'), 'r1')).toEqual({ alreadyMember: false, firstForUser: false });
    expect(rooms.join(a1, 'r1')).toEqual({ alreadyMember: true, firstForUser: false });
    expect(rooms.onlineUsers('r1')).toEqual(['alice']);
  });

  it('reports the last connection of a user leaving as the user going offline', () => {
    const rooms = new RoomMembership();
    const a1 = tab('a1', 'alice');
    const a2 = tab('a2', 'alice');
    rooms.join(a1, 'r1');
    rooms.join(a2, 'r1');
    expect(rooms.leave(a1, 'r1')).toEqual({ wasMember: true, lastForUser: false });
    expect(rooms.leave(a2, 'r1')).toEqual({ wasMember: true, lastForUser: true });
    expect(rooms.leave(a2, 'r1')).toEqual({ wasMember: false, lastForUser: false });
  });

  it('keeps rooms apart and forgets an empty room', () => {
    const rooms = new RoomMembership();
    const b = tab('b1', 'bob');
    rooms.join(b, 'r1');
    rooms.join(b, 'r2');
    expect(rooms.isMember(b, 'r2')).toBe(true);
    rooms.leave(b, 'r1');
    expect(rooms.isMember(b, 'r1')).toBe(false);
    expect(rooms.roomNames()).toEqual(['r2']);
    expect(rooms.members('r1').size).toBe(0);
  });
});
