import { TypingThrottle } from './typing-throttle';

describe('TypingThrottle', () => {
  let now = 0;
  let sent: Array<[string, boolean]>;
  let throttle: TypingThrottle;

  beforeEach(() => {
    now = 1000;
    sent = [];
    throttle = new TypingThrottle(
      (room, active) => sent.push([room, active]),
      { refreshMs: 2000 },
      () => now,
    );
  });

  it('announces the first keystroke at once, then at most once per refresh interval', () => {
    throttle.typed('r1');
    for (let i = 0; i < 19; i++) {
      now += 100;
      throttle.typed('r1');
    }
    expect(sent).toEqual([['r1', true]]);
    now += 100;
    throttle.typed('r1');
    expect(sent).toEqual([
      ['r1', true],
      ['r1', true],
    ]);
  });

  it('announces stopping once, and only after typing was announced', () => {
    throttle.stopped('r1');
    expect(sent).toEqual([]);
    throttle.typed('r1');
    throttle.stopped('r1');
    throttle.stopped('r1');
    expect(sent).toEqual([
      ['r1', true],
      ['r1', false],
    ]);
  });

  it('announces again right after a stop, and keeps rooms apart', () => {
    throttle.typed('r1');
    throttle.stopped('r1');
    throttle.typed('r1');
    throttle.typed('r2');
    throttle.typed('r2');
    expect(sent).toEqual([
      ['r1', true],
      ['r1', false],
      ['r1', true],
      ['r2', true],
    ]);
  });

  it('after a reset, or forgetting a room, drops what it announced without sending', () => {
    throttle.typed('r1');
    throttle.typed('r2');
    throttle.reset();
    throttle.stopped('r1');
    throttle.typed('r1');
    throttle.forget('r1');
    throttle.stopped('r1');
    expect(sent).toEqual([
      ['r1', true],
      ['r2', true],
      ['r1', true],
    ]);
  });
});
