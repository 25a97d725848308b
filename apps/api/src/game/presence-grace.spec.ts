import { PresenceGrace } from './presence-grace';

describe('PresenceGrace', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a real leave at once, and the leave of a dropped or drained connection only after the grace', async () => {
    const grace = new PresenceGrace(5000);
    const left: string[] = [];
    const leave = (name: string) => async () => void left.push(name);
    grace.leave(undefined, leave('leave-message'));
    grace.leave(1000, leave('closed-1000'));
    grace.leave(1001, leave('closed-1001'));
    grace.leave(4003, leave('revoked'));
    grace.leave(1012, leave('drained'));
    grace.leave(1006, leave('dropped'));
    await jest.advanceTimersByTimeAsync(0);
    expect(left).toEqual(['leave-message', 'closed-1000', 'closed-1001', 'revoked']);
    expect(grace.waiting).toBe(2);
    await jest.advanceTimersByTimeAsync(4999);
    expect(left).toHaveLength(4);
    const settled = grace.settle();
    await jest.advanceTimersByTimeAsync(1);
    await settled;
    expect(left.slice(4)).toEqual(['drained', 'dropped']);
    expect(grace.waiting).toBe(0);
  });

  it('with no grace, runs every leave at once', async () => {
    const grace = new PresenceGrace(0);
    const leave = jest.fn(async () => undefined);
    grace.leave(1012, leave);
    expect(leave).toHaveBeenCalledTimes(1);
  });
});
