import { TypingTracker } from './typing-tracker';

const typing = (player: string, active: boolean, room = 'r1') => ({
  type: 'typing' as const,
  room,
  player,
  active,
});

describe('TypingTracker', () => {
  let changes: Array<readonly string[]>;
  let tracker: TypingTracker;

  beforeEach(() => {
    jest.useFakeTimers();
    changes = [];
    tracker = new TypingTracker('r1', (players) => changes.push(players), { expireMs: 5000 });
  });

  afterEach(() => jest.useRealTimers());

  it('shows a player typing until they stop', () => {
    tracker.apply(typing('bob', true));
    tracker.apply(typing('carol', true));
    tracker.apply(typing('bob', false));
    expect(changes).toEqual([['bob'], ['bob', 'carol'], ['carol']]);
    expect(tracker.players).toEqual(['carol']);
  });

  it('forgets a typist after the expiry without a refresh, and a refresh restarts the clock', () => {
    tracker.apply(typing('bob', true));
    jest.advanceTimersByTime(4000);
    tracker.apply(typing('bob', true));
    jest.advanceTimersByTime(4000);
    expect(tracker.players).toEqual(['bob']);
    jest.advanceTimersByTime(1000);
    expect(tracker.players).toEqual([]);
    expect(changes).toEqual([['bob'], []]);
  });

  it('ignores other rooms, a stop for someone not typing, and clears on demand', () => {
    tracker.apply(typing('bob', true, 'r2'));
    tracker.apply(typing('bob', false));
    expect(changes).toEqual([]);
    tracker.apply(typing('bob', true));
    tracker.clear('bob');
    tracker.clear('bob');
    expect(changes).toEqual([['bob'], []]);
  });

  it('stops its timers when disposed', () => {
    tracker.apply(typing('bob', true));
    tracker.dispose();
    expect(jest.getTimerCount()).toBe(0);
    expect(changes).toEqual([['bob'], []]);
  });
});
