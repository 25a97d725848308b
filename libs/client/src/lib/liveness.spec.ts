import { LivenessWatchdog, type LivenessOptions } from './liveness';

describe('LivenessWatchdog', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  function setup(options: Partial<LivenessOptions> = {}) {
    const sendPing = jest.fn<void, [number]>();
    const onDead = jest.fn<void, []>();
    const watchdog = new LivenessWatchdog({ sendPing, onDead }, options);
    return { sendPing, onDead, watchdog };
  }

  it('pings as it starts, then every interval, with the current time', () => {
    const { sendPing, watchdog } = setup();
    watchdog.start();
    expect(sendPing.mock.calls).toEqual([[1_000_000]]);
    watchdog.messageReceived();
    jest.advanceTimersByTime(9_999);
    expect(sendPing).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(sendPing).toHaveBeenLastCalledWith(1_010_000);
    watchdog.messageReceived();
    jest.advanceTimersByTime(10_000);
    expect(sendPing).toHaveBeenCalledTimes(3);
    watchdog.stop();
  });

  it('declares the link dead when nothing arrives within the pong timeout', () => {
    const { onDead, watchdog } = setup();
    watchdog.start();
    jest.advanceTimersByTime(4_999);
    expect(onDead).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(watchdog.running).toBe(false);
    jest.advanceTimersByTime(60_000);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('declares the link dead when a later ping goes unanswered', () => {
    const { onDead, watchdog } = setup();
    watchdog.start();
    watchdog.messageReceived();
    jest.advanceTimersByTime(10_000 + 4_999);
    expect(onDead).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('counts any message, not only a pong, as a sign of life', () => {
    const { onDead, watchdog } = setup({ pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    watchdog.start();
    for (let i = 0; i < 10; i++) {
      jest.advanceTimersByTime(400);
      watchdog.messageReceived();
      jest.advanceTimersByTime(600);
    }
    expect(onDead).not.toHaveBeenCalled();
    jest.advanceTimersByTime(500);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('measures the round-trip time from the pong to its own ping only', () => {
    const { sendPing, watchdog } = setup();
    watchdog.start();
    expect(watchdog.rtt).toBeUndefined();
    const t = sendPing.mock.calls[0][0];
    jest.advanceTimersByTime(42);
    watchdog.messageReceived();
    watchdog.pongReceived(t);
    expect(watchdog.rtt).toBe(42);
    jest.advanceTimersByTime(100);
    watchdog.pongReceived(t);
    watchdog.pongReceived(123);
    expect(watchdog.rtt).toBe(42);
    watchdog.stop();
  });

  it('stops pinging when stopped', () => {
    const { sendPing, onDead, watchdog } = setup();
    watchdog.start();
    watchdog.stop();
    jest.advanceTimersByTime(100_000);
    expect(sendPing).toHaveBeenCalledTimes(1);
    expect(onDead).not.toHaveBeenCalled();
  });
  it('probes out of turn: a ping now, and the link is dead if nothing answers it in time', () => {
    const { sendPing, onDead, watchdog } = setup();
    watchdog.start();
    watchdog.messageReceived();
    jest.advanceTimersByTime(3_000);
    watchdog.probe();
    expect(sendPing.mock.calls).toEqual([[1_000_000], [1_003_000]]);
    jest.advanceTimersByTime(4_999);
    expect(onDead).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('keeps a probe quiet while stopped', () => {
    const { sendPing, onDead, watchdog } = setup();
    watchdog.probe();
    jest.advanceTimersByTime(60_000);
    expect(sendPing).not.toHaveBeenCalled();
    expect(onDead).not.toHaveBeenCalled();
  });
});
