import { PointerThrottle } from './pointer-throttle';

describe('PointerThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first move at once and then the latest once per interval', () => {
    const sent: number[] = [];
    const throttle = new PointerThrottle((point) => sent.push(point.x), 50);
    throttle.moved({ x: 1, y: 0 });
    throttle.moved({ x: 2, y: 0 });
    throttle.moved({ x: 3, y: 0 });
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(50);
    expect(sent).toEqual([1, 3]);
    jest.advanceTimersByTime(200);
    expect(sent).toEqual([1, 3]);
    throttle.moved({ x: 4, y: 0 });
    expect(sent).toEqual([1, 3, 4]);
    throttle.stop();
  });

  it('sends nothing more once stopped', () => {
    const sent: number[] = [];
    const throttle = new PointerThrottle((point) => sent.push(point.x), 50);
    throttle.moved({ x: 1, y: 0 });
    throttle.moved({ x: 2, y: 0 });
    throttle.stop();
    jest.advanceTimersByTime(500);
    expect(sent).toEqual([1]);
  });
});
