import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface GcPauses {
  /** Stops watching; the pauses seen since the start, in ms. */
  stop(): { count: number; totalMs: number; maxMs: number };
}

/**
 * This process's garbage-collection pauses while watched. The load generator measures latency with its own
 * clock: a pause of its own shows up as latency of whichever server is being measured, so a run reports them.
 */
export function watchGcPauses(): GcPauses {
  let count = 0;
  let totalMs = 0;
  let maxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEntry[]) {
      count++;
      totalMs += entry.duration;
      maxMs = Math.max(maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      observer.disconnect();
      return { count, totalMs, maxMs };
    },
  };
}
