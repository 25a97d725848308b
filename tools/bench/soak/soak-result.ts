import type { MachineInfo } from '../report/machine-info';
import type { ServerKind } from '../servers/server-kind';

export interface SoakSample {
  /** Seconds since the idle connections were all open. */
  tS: number;
  rssMb: number;
  /** Server CPU since the previous sample, percent of one core. */
  cpuPct: number;
  /** App-level ping round trips seen by the pinger process since the previous sample. */
  rttP50Ms: number;
  rttP99Ms: number;
  rttMaxMs: number;
  pongs: number;
  /** The pinger process's own event-loop delay (small: it only pings). */
  pingerLoopP99Ms: number;
  /** The load generator's own event-loop delay since the previous sample: it is in every round trip too. */
  loadgenLoopP99Ms: number;
  loadgenLoopMaxMs: number;
  /** Connections the server has dropped so far. */
  dropped: number;
}

export interface SoakResult {
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: MachineInfo;
  kind: ServerKind;
  connections: number;
  heartbeatMs: number;
  pingers: number;
  durationS: number;
  samples: SoakSample[];
  /** Least-squares RSS slope over the second half of the soak, MiB per minute. */
  rssSlopeMbPerMin: number;
  notes: string[];
}
