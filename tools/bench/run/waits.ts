import { setTimeout as sleep } from 'node:timers/promises';

/** Waits a measurement window (the bench measures over time; tests never do this). */
export function delay(ms: number): Promise<void> {
  return sleep(ms);
}

/** Polls `done` until it holds or `timeoutMs` passes; resolves with whether it held. */
export async function waitUntil(done: () => boolean, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() >= until) return false;
    await sleep(pollMs);
  }
  return true;
}

/** Waits until `count()` has not changed for `quietMs` (the server finished a burst), at most `timeoutMs`. */
export async function waitQuiet(count: () => number, quietMs: number, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  let last = count();
  let stableSince = performance.now();
  while (performance.now() < until) {
    await sleep(50);
    const now = count();
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= quietMs) {
      return true;
    }
  }
  return false;
}

/** Waits until the processes use under `pct` % of a core over `sliceMs` (a server finished its backlog), at most `timeoutMs`. */
export async function waitCpuIdle(
  cpuSeconds: () => number,
  pct: number,
  timeoutMs: number,
  sliceMs = 250,
): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const before = cpuSeconds();
    await sleep(sliceMs);
    if (((cpuSeconds() - before) * 1000 * 100) / sliceMs < pct) return true;
  }
  return false;
}
