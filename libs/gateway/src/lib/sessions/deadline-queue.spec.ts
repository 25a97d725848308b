import { DeadlineQueue } from './deadline-queue';

describe('DeadlineQueue', () => {
  let due: string[];
  let queue: DeadlineQueue<string>;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000 });
    due = [];
    queue = new DeadlineQueue<string>((item) => due.push(item));
  });

  afterEach(() => {
    queue.clear();
    jest.useRealTimers();
  });

  it('calls each item once at its deadline, in deadline order, whatever the order they were set in', () => {
    queue.set('c', 4_000);
    queue.set('a', 2_000);
    queue.set('b', 3_000);
    queue.set('a2', 2_000);
    jest.advanceTimersByTime(999);
    expect(due).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(due.sort()).toEqual(['a', 'a2']);
    jest.advanceTimersByTime(2_000);
    expect(due).toEqual(['a', 'a2', 'b', 'c']);
    expect(queue.size).toBe(0);
    jest.advanceTimersByTime(10_000);
    expect(due).toHaveLength(4);
  });

  it('keeps one timer for any number of items', () => {
    for (let i = 0; i < 1_000; i++) queue.set(`item-${i}`, 10_000 + ((i * 7919) % 1_000));
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(9_499);
    expect(due.length).toBeGreaterThan(0);
    expect(due.length).toBeLessThan(1_000);
    jest.advanceTimersByTime(500);
    expect(due).toHaveLength(1_000);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('moves a deadline earlier or later, and forgets a deleted item', () => {
    queue.set('a', 5_000);
    queue.set('b', 6_000);
    queue.set('c', 7_000);
    queue.set('a', 8_000);
    queue.set('c', 2_000);
    queue.delete('b');
    jest.advanceTimersByTime(1_000);
    expect(due).toEqual(['c']);
    jest.advanceTimersByTime(6_000);
    expect(due).toEqual(['c', 'a']);
  });

  it('lets the due callback set a new deadline for the same item', () => {
    const again = new DeadlineQueue<string>((item) => {
      due.push(item);
      if (due.length === 1) again.set(item, Date.now() + 500);
    });
    again.set('a', 2_000);
    jest.advanceTimersByTime(1_000);
    expect(due).toEqual(['a']);
    jest.advanceTimersByTime(499);
    expect(due).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(due).toEqual(['a', 'a']);
    again.clear();
  });

  it('calls a deadline already past at once, and reaches one beyond setTimeout range in steps', () => {
    queue.set('late', 500);
    jest.advanceTimersByTime(0);
    expect(due).toEqual(['late']);
    const far = 1_000 + 2 ** 31 + 5_000;
    queue.set('far', far);
    jest.advanceTimersByTime(2 ** 31 - 1);
    expect(due).toEqual(['late']);
    jest.advanceTimersByTime(far - 1_000 - (2 ** 31 - 1));
    expect(due).toEqual(['late', 'far']);
  });

  it('stops its timer when emptied, so it never keeps the process alive', () => {
    queue.set('a', 5_000);
    queue.delete('a');
    expect(jest.getTimerCount()).toBe(0);
    queue.set('b', 5_000);
    queue.clear();
    expect(jest.getTimerCount()).toBe(0);
  });
});
