import type { Connector } from '../clients/connector';
import type { LoadStats } from '../load/load-stats';
import type { ClientBag } from '../run/client-bag';
import type { Progress } from '../run/progress';
import type { Cluster } from '../servers/cluster';
import type { ServerKind } from '../servers/server-kind';
import type { ServerSetup } from '../servers/server-setup';
import type { MetricKey, Metrics } from './metrics';

/** How big and how long runs are; set from the command line. */
export interface Sizes {
  /** Steady measurement window, seconds. */
  durationS: number;
  /** Load before the window opens, seconds. */
  warmupS: number;
  /** Idle connections for the idle and soak scenarios. */
  idleConnections: number;
  /** Clients of the drained node in the reconnect storm. */
  stormClients: number;
  /** Multiplies client counts and rates (smoke runs use a small one). */
  scale: number;
  /** Pad user ids to this many characters to grow relayed frames (0: natural ids). */
  idPadTo: number;
}

/** What one run of a scenario gets: a fresh cluster of one set-up and a connector for it. */
export interface RunContext {
  /** The set-up's kind of server (a Redis set-up of Pulse is `pulse`): how clients speak to it. */
  kind: ServerKind;
  cluster: Cluster;
  connector: Connector;
  stats: LoadStats;
  clients: ClientBag;
  progress: Progress;
  sizes: Sizes;
  /** "scenario · kind · run i/n", for progress lines. */
  label: string;
}

export interface RunOutcome {
  metrics: Metrics;
  notes: string[];
  /** The steady window in CLOCK_MONOTONIC µs (the clock of `--cpu-prof` samples), when there is one. */
  windowUs?: { start: number; end: number };
}

interface ScenarioBase {
  readonly name: string;
  readonly title: string;
  /** The servers (set-ups) it runs against unless --targets says otherwise. */
  readonly kinds: readonly ServerSetup[];
  /** Its share of `all`'s time budget, relative to the others (about its run time on a quiet machine). */
  readonly budgetWeight: number;
  /** The figures the report shows, in order. */
  readonly figures: readonly MetricKey[];
  /** Server heartbeat interval for its runs. */
  heartbeatMs(sizes: Sizes): number;
  /** The parameters a run uses, recorded with its results. */
  params(sizes: Sizes): Record<string, number | string>;
  /** One sentence for the report. */
  describe(sizes: Sizes): string;
  /** Hard bound on one run (or one set-up, or one measurement), including connecting. */
  timeoutMs(sizes: Sizes): number;
}

/** Fresh servers for every run: what it measures starts from a new process (RSS growth, connects). */
export interface FreshScenario extends ScenarioBase {
  readonly style: 'fresh';
  run(context: RunContext): Promise<RunOutcome>;
}

/**
 * One server per kind for the whole scenario: clients connect once, then each server is measured in turn, round
 * after round, so the runs of a round are seconds apart and connecting is paid once.
 */
export interface SharedScenario extends ScenarioBase {
  readonly style: 'shared';
  setUp(context: RunContext): Promise<Measurement>;
}

export interface Measurement {
  /** One run: load, a steady window, a drain. `label` is for progress lines. */
  measure(label: string): Promise<RunOutcome>;
}

export type Scenario = FreshScenario | SharedScenario;

/** Pulse's native transport and the two baselines. */
export const DEFAULT_KINDS: readonly ServerKind[] = ['pulse', 'ws', 'socket.io'];

/** Scales a count for smoke runs, never below `min`. */
export function scaled(count: number, sizes: Sizes, min = 1): number {
  return Math.max(min, Math.round(count * sizes.scale));
}
