import type { ServerMessageOf } from '@pulse/protocol';
import { CursorConflator, type LatestCursor } from './cursor-conflator';

const TICK_MS = 50;

function cursor(player: string, x: number, room = 'r1', connectionId = `${player}-conn`): LatestCursor {
  const event: ServerMessageOf<'cursor'> = { type: 'cursor', room, player, x, y: 1 };
  return { event, connectionId };
}

describe('CursorConflator', () => {
  let relayed: LatestCursor[];
  let conflator: CursorConflator;

  beforeEach(() => {
    jest.useFakeTimers();
    relayed = [];
    conflator = new CursorConflator((latest) => relayed.push(latest), TICK_MS);
  });

  afterEach(() => {
    conflator.stop();
    jest.useRealTimers();
  });

  it('relays only the last pointer a player sent within a tick, one per player and room', () => {
    conflator.offer(cursor('alice', 1));
    conflator.offer(cursor('bob', 5));
    conflator.offer(cursor('alice', 2));
    conflator.offer(cursor('alice', 3));
    conflator.offer(cursor('alice', 9, 'r2'));
    expect(relayed).toEqual([]);
    jest.advanceTimersByTime(TICK_MS);
    expect(relayed.map(({ event }) => [event.room, event.player, event.x])).toEqual([
      ['r1', 'bob', 5],
      ['r1', 'alice', 3],
      ['r2', 'alice', 9],
    ]);
  });

  it('relays nothing more until a player moves again, and then in the next tick', () => {
    conflator.offer(cursor('alice', 1));
    jest.advanceTimersByTime(TICK_MS * 3);
    expect(relayed).toHaveLength(1);
    conflator.offer(cursor('alice', 2));
    jest.advanceTimersByTime(TICK_MS);
    expect(relayed.map(({ event }) => event.x)).toEqual([1, 2]);
  });

  it('keeps the connection of the latest pointer, so that only that one is skipped', () => {
    conflator.offer(cursor('alice', 1, 'r1', 'tab-1'));
    conflator.offer(cursor('alice', 2, 'r1', 'tab-2'));
    jest.advanceTimersByTime(TICK_MS);
    expect(relayed).toEqual([expect.objectContaining({ connectionId: 'tab-2' })]);
  });

  it('drops the waiting pointer of a player who left the room', () => {
    conflator.offer(cursor('alice', 1));
    conflator.offer(cursor('bob', 1));
    conflator.forget('r1', 'alice');
    jest.advanceTimersByTime(TICK_MS);
    expect(relayed.map(({ event }) => event.player)).toEqual(['bob']);
  });

  it('stops its timer when nothing waits', () => {
    conflator.offer(cursor('alice', 1));
    jest.advanceTimersByTime(TICK_MS * 2);
    expect(jest.getTimerCount()).toBe(0);
  });
});
