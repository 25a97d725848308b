import { Listeners } from './listeners';

describe('Listeners', () => {
  it('calls every listener until it is removed, once per add', () => {
    const listeners = new Listeners<number>();
    const seen: number[] = [];
    const listener = (n: number) => seen.push(n);
    const removeFirst = listeners.add(listener);
    listeners.add(listener);
    listeners.emit(1);
    removeFirst();
    listeners.emit(2);
    expect(seen).toEqual([1, 1, 2]);
  });

  it('keeps calling the other listeners when one throws, and reports the error on its own task', async () => {
    const listeners = new Listeners<string>();
    const seen: string[] = [];
    listeners.add(() => {
      throw new Error('listener bug');
    });
    listeners.add((value) => seen.push(value));
    const reported = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask;
      globalThis.queueMicrotask = (task) => {
        globalThis.queueMicrotask = original;
        try {
          task();
        } catch (error) {
          resolve(error);
        }
      };
    });
    expect(() => listeners.emit('x')).not.toThrow();
    expect(seen).toEqual(['x']);
    await expect(reported).resolves.toEqual(new Error('listener bug'));
  });
});
