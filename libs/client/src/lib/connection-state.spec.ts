import { initialConnectionState, nextAttempt, transition, type ConnectionState } from './connection-state';

describe('connection state machine', () => {
  it('goes idle -> connecting -> open', () => {
    const connecting = transition(initialConnectionState, { type: 'connect' });
    expect(connecting).toEqual({ status: 'connecting', attempt: 0 });
    expect(transition(connecting, { type: 'opened' })).toEqual({ status: 'open' });
  });

  it('counts reconnect attempts until the link opens again', () => {
    let state: ConnectionState = { status: 'open' };
    state = transition(state, { type: 'lost', delayMs: 300 });
    expect(state).toEqual({ status: 'reconnecting', attempt: 1, delayMs: 300 });
    state = transition(state, { type: 'retry' });
    expect(state).toEqual({ status: 'connecting', attempt: 1 });
    expect(nextAttempt(state)).toBe(2);
    state = transition(state, { type: 'lost', delayMs: 900 });
    expect(state).toEqual({ status: 'reconnecting', attempt: 2, delayMs: 900 });
    state = transition(transition(state, { type: 'retry' }), { type: 'opened' });
    expect(state).toEqual({ status: 'open' });
    expect(transition(state, { type: 'lost', delayMs: 1 })).toMatchObject({ attempt: 1 });
  });

  it('closes from any state and keeps the first close', () => {
    const states: ConnectionState[] = [
      { status: 'idle' },
      { status: 'connecting', attempt: 0 },
      { status: 'open' },
      { status: 'reconnecting', attempt: 3, delayMs: 10 },
    ];
    for (const state of states) {
      expect(transition(state, { type: 'close', code: 1000, reason: 'bye' })).toEqual({
        status: 'closed',
        code: 1000,
        reason: 'bye',
      });
    }
    const closed: ConnectionState = { status: 'closed', code: 1008, reason: 'policy' };
    expect(transition(closed, { type: 'close', code: 1000, reason: 'later' })).toBe(closed);
  });

  it('connects again after a close', () => {
    const closed: ConnectionState = { status: 'closed', code: 1000, reason: '' };
    expect(transition(closed, { type: 'connect' })).toEqual({ status: 'connecting', attempt: 0 });
  });

  it('ignores events that do not apply, returning the same state', () => {
    const closed: ConnectionState = { status: 'closed', code: 1000, reason: '' };
    const open: ConnectionState = { status: 'open' };
    const reconnecting: ConnectionState = { status: 'reconnecting', attempt: 1, delayMs: 5 };
    expect(transition(closed, { type: 'opened' })).toBe(closed);
    expect(transition(closed, { type: 'lost', delayMs: 5 })).toBe(closed);
    expect(transition(closed, { type: 'retry' })).toBe(closed);
    expect(transition(open, { type: 'connect' })).toBe(open);
    expect(transition(open, { type: 'retry' })).toBe(open);
    expect(transition(reconnecting, { type: 'lost', delayMs: 9 })).toBe(reconnecting);
    expect(transition(reconnecting, { type: 'opened' })).toBe(reconnecting);
  });
});
