import type { ConnectionState } from '@pulse/client';
import { act, renderHook } from '@testing-library/react';
import { useReconnectCountdown } from './use-reconnect-countdown';

describe('useReconnectCountdown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts down the seconds to the next attempt, once a second', () => {
    const state: ConnectionState = { status: 'reconnecting', attempt: 1, delayMs: 3_400 };
    const { result } = renderHook(() => useReconnectCountdown(state));
    expect(result.current).toBe(4);
    act(() => jest.advanceTimersByTime(399));
    expect(result.current).toBe(4);
    act(() => jest.advanceTimersByTime(1));
    expect(result.current).toBe(3);
    act(() => jest.advanceTimersByTime(1_000));
    expect(result.current).toBe(2);
    act(() => jest.advanceTimersByTime(1_000));
    expect(result.current).toBe(1);
    act(() => jest.advanceTimersByTime(5_000));
    expect(result.current).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('starts over for a new wait, and says nothing in other states', () => {
    let state: ConnectionState = { status: 'reconnecting', attempt: 1, delayMs: 5_000 };
    const { result, rerender } = renderHook(() => useReconnectCountdown(state));
    act(() => jest.advanceTimersByTime(3_000));
    expect(result.current).toBe(2);
    state = { status: 'connecting', attempt: 1 };
    rerender();
    expect(result.current).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
    state = { status: 'reconnecting', attempt: 2, delayMs: 8_000 };
    rerender();
    expect(result.current).toBe(8);
  });
});
