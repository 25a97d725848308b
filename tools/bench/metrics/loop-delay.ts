import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

export interface LoopDelay {
  /** Delay p99 and max since the previous sample (or the start), in ms beyond the sampling timer's period. */
  sample(): { p99Ms: number; maxMs: number };
  stop(): void;
}

/** This process's event-loop delay (`monitorEventLoopDelay` records whole timer intervals, so the period is taken off). */
export function watchLoopDelay(): LoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    sample: () => {
      const result = {
        p99Ms: Math.max(0, histogram.percentile(99) / 1e6 - RESOLUTION_MS),
        maxMs: Math.max(0, histogram.max / 1e6 - RESOLUTION_MS),
      };
      histogram.reset();
      return result;
    },
    stop: () => histogram.disable(),
  };
}
