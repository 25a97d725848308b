import { ErrorCode } from '@pulse/protocol';
import { DEFAULT_CAP_OPTIONS, resolveCapOptions } from './cap-options';
import { RoomCaps } from './room-caps';

const refusal = (message: RegExp) =>
  expect.objectContaining({ code: ErrorCode.LIMIT_EXCEEDED, message: expect.stringMatching(message) });

describe('RoomCaps', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('lets a connection into its last allowed room and refuses the next one, whether the room exists or not', () => {
    const caps = new RoomCaps(resolveCapOptions({ maxRoomsPerConnection: 3 }), clock);
    expect(() => caps.admitJoin({ userId: 'alice', roomsHeld: 2, roomExists: false })).not.toThrow();
    expect(() => caps.admitJoin({ userId: 'alice', roomsHeld: 3, roomExists: true })).toThrow(
      refusal(/at most 3 rooms per connection/),
    );
    expect(() => caps.admitJoin({ userId: 'alice', roomsHeld: 3, roomExists: false })).toThrow(
      refusal(/leave one first/),
    );
  });

  it('spends the creation budget only on rooms new to the node, refuses past it, and refills at the per-minute rate', () => {
    const caps = new RoomCaps(resolveCapOptions({ roomCreationsPerMinute: 6 }), clock);
    for (let i = 0; i < 6; i++) caps.admitJoin({ userId: 'bob', roomsHeld: 0, roomExists: false });
    expect(() => caps.admitJoin({ userId: 'bob', roomsHeld: 0, roomExists: false })).toThrow(
      refusal(/at most 6 new rooms per minute; retry in 10 s/),
    );
    // joining a room that already has a member here creates nothing, so it is never refused by the budget
    expect(() => caps.admitJoin({ userId: 'bob', roomsHeld: 0, roomExists: true })).not.toThrow();
    // the budget is the user's: another user is not affected
    expect(() => caps.admitJoin({ userId: 'carol', roomsHeld: 0, roomExists: false })).not.toThrow();
    now += 10_000;
    expect(() => caps.admitJoin({ userId: 'bob', roomsHeld: 0, roomExists: false })).not.toThrow();
    expect(() => caps.admitJoin({ userId: 'bob', roomsHeld: 0, roomExists: false })).toThrow(
      refusal(/new rooms per minute/),
    );
  });

  it('takes no creation token for a join refused by the room cap', () => {
    const caps = new RoomCaps(
      resolveCapOptions({ maxRoomsPerConnection: 1, roomCreationsPerMinute: 1 }),
      clock,
    );
    expect(() => caps.admitJoin({ userId: 'dave', roomsHeld: 1, roomExists: false })).toThrow(
      refusal(/rooms per connection/),
    );
    expect(() => caps.admitJoin({ userId: 'dave', roomsHeld: 0, roomExists: false })).not.toThrow();
  });

  it('turns each cap off with 0', () => {
    const caps = new RoomCaps(
      resolveCapOptions({ maxRoomsPerConnection: 0, roomCreationsPerMinute: 0 }),
      clock,
    );
    for (let i = 0; i < 1000; i++) caps.admitJoin({ userId: 'erin', roomsHeld: i, roomExists: false });
  });

  it('defaults leave the web app room to spare: one game room, or the three ticker symbols, is far below the caps', () => {
    expect(DEFAULT_CAP_OPTIONS.maxRoomsPerConnection).toBeGreaterThanOrEqual(10 * 3);
    expect(DEFAULT_CAP_OPTIONS.roomCreationsPerMinute).toBeGreaterThanOrEqual(30);
  });
});
