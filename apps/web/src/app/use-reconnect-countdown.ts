import type { ConnectionState } from '@pulse/client';
import { useEffect, useState } from 'react';
import { secondsLeft } from './connection-status';

interface Tick {
  readonly state: ConnectionState;
  readonly seconds: number;
}

/**
 * While the client waits to reconnect, the seconds until it tries again, counting down once a second; undefined in
 * any other state. Each timer fires when the shown number changes, not on a fixed poll.
 */
export function useReconnectCountdown(state: ConnectionState): number | undefined {
  const [tick, setTick] = useState<Tick | undefined>(undefined);

  useEffect(() => {
    if (state.status !== 'reconnecting') return;
    const deadline = Date.now() + state.delayMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (remainingMs: number) => {
      if (remainingMs <= 1000) return;
      timer = setTimeout(
        () => {
          const remaining = deadline - Date.now();
          setTick({ state, seconds: secondsLeft(remaining) });
          schedule(remaining);
        },
        remainingMs % 1000 || 1000,
      );
    };
    schedule(state.delayMs);
    return () => clearTimeout(timer);
  }, [state]);

  if (state.status !== 'reconnecting') return undefined;
  return tick?.state === state ? tick.seconds : secondsLeft(state.delayMs);
}
