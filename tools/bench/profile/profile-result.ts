import type { Metrics } from '../scenarios/metrics';
import type { OwnerRow, SelfTimeRow } from './cpuprofile-summary';

export interface ProfileResult {
  startedAt: string;
  command: string;
  scenario: string;
  profileFile: string;
  metrics: Metrics;
  /** Whole process life: start-up, connecting, joining, the steady window, shutdown. */
  whole: { samples: number; idleSamples: number; rows: SelfTimeRow[] };
  /** Only the samples taken inside the steady window, when the window could be located. */
  window?: { samples: number; idleSamples: number; rows: SelfTimeRow[] };
  /** Self time per package or project (Express, Nest, libs/auth...), over the steady window when located, else the whole run. */
  owners?: OwnerRow[];
  notes: string[];
}
