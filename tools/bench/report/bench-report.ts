import type { ScenarioResult } from '../run/results';
import type { Sizes } from '../scenarios/scenario';
import type { ServerSetup } from '../servers/server-setup';
import type { MachineInfo } from './machine-info';

/** What `bench.ts all` (or one scenario) saves, and what docs/benchmarks.md is written from. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  durationS: number;
  /** The exact command, as typed from the workspace root. */
  command: string;
  machine: MachineInfo;
  /** /proc/loadavg when the run ended. */
  loadavgEnd: string;
  /** `comparePulseMain`: the second Pulse build `pulse-compare` ran (`--compare-pulse`). */
  options: { runs: number; kinds?: ServerSetup[]; sizes: Sizes; pinning: string; comparePulseMain?: string };
  scenarios: ScenarioResult[];
}
