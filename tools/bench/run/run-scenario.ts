import { connectorFor } from '../clients/connector';
import { ticketRetries } from '../clients/ticket-request';
import { withTimeout } from '../clients/with-timeout';
import { LoadStats } from '../load/load-stats';
import type {
  FreshScenario,
  Measurement,
  RunContext,
  RunOutcome,
  Scenario,
  SharedScenario,
  Sizes,
} from '../scenarios/scenario';
import { startSetup, type Cluster } from '../servers/cluster';
import { isPulse } from '../servers/server-kind';
import { setupSpec, withPulseCompare, type ServerSetup } from '../servers/server-setup';
import { ClientBag } from './client-bag';
import type { Progress } from './progress';
import type { RunRecord, ScenarioResult } from './results';
import { rounds, type Budget } from './rounds';
import { delay } from './waits';

export interface RunnerOptions {
  /** Overrides the scenario's own list of servers. */
  kinds?: readonly ServerSetup[];
  runs: number;
  sizes: Sizes;
  jwtSecret: string;
  /** CPU the servers are pinned to. */
  serverCpu?: number;
  progress: Progress;
  budget?: Budget;
  /** Pulse runs under `--cpu-prof` into this directory. */
  cpuProfileDir?: string;
  /** `--compare-pulse`: a second Pulse build, run as `pulse-compare` beside `pulse` in every scenario that has it. */
  comparePulseMain?: string;
  /** Called with each finished run (the profiler uses the window). */
  onRun?: (record: RunRecord, outcome: RunOutcome | undefined) => void;
}

type RunResult = { record: RunRecord; outcome?: RunOutcome };

/** Runs a scenario `runs` times against each of its servers, in rounds (see `rounds`). */
export async function runScenario(scenario: Scenario, options: RunnerOptions): Promise<ScenarioResult> {
  const own = options.comparePulseMain ? withPulseCompare(scenario.kinds) : scenario.kinds;
  const kinds = options.kinds ?? own;
  const records =
    scenario.style === 'fresh'
      ? await runFresh(scenario, kinds, options)
      : await runShared(scenario, kinds, options);
  return {
    name: scenario.name,
    title: scenario.title,
    description: scenario.describe(options.sizes),
    params: scenario.params(options.sizes),
    figures: [...scenario.figures],
    records,
  };
}

/** A started cluster with its clients, and everything a scenario needs to drive it. */
async function openStation(
  scenario: Scenario,
  setup: ServerSetup,
  label: string,
  options: RunnerOptions,
): Promise<{ context: RunContext; cluster: Cluster }> {
  options.progress.note(`${label}: starting`);
  const { kind, batchHz, encoding } = setupSpec(setup);
  const cluster = await startSetup(setup, {
    heartbeatMs: scenario.heartbeatMs(options.sizes),
    jwtSecret: options.jwtSecret,
    cpu: options.serverCpu,
    cpuProfileDir: isPulse(kind) ? options.cpuProfileDir : undefined,
    comparePulseMain: options.comparePulseMain,
  });
  const stats = new LoadStats();
  const connector = connectorFor(kind, {
    sink: stats,
    jwtSecret: options.jwtSecret,
    idPadTo: options.sizes.idPadTo,
    batchHz,
    encoding,
  });
  return {
    cluster,
    context: {
      kind,
      cluster,
      connector,
      stats,
      clients: new ClientBag(),
      progress: options.progress,
      sizes: options.sizes,
      label,
    },
  };
}

async function closeStation(station: { context: RunContext; cluster: Cluster }): Promise<void> {
  await station.cluster.stop();
  station.context.clients.closeAll();
  // Let the closed sockets' events run before the next server starts.
  await delay(100);
}

/** Runs `work` bounded in time, as a record: its figures, or why it failed. */
async function attempt(
  kind: ServerSetup,
  run: number,
  label: string,
  timeoutMs: number,
  options: RunnerOptions,
  work: () => Promise<RunOutcome>,
): Promise<RunResult> {
  const retriesBefore = ticketRetries.count;
  try {
    const outcome = await withTimeout(work(), timeoutMs, label);
    options.progress.note(`${label}: ${describe(outcome)}`);
    const retries = ticketRetries.count - retriesBefore;
    const notes =
      retries > 0
        ? [...outcome.notes, `${retries} ticket request(s) re-sent after a stale keep-alive socket`]
        : outcome.notes;
    return { record: { kind, run, metrics: outcome.metrics, notes }, outcome };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    options.progress.note(`${label}: FAILED ${why}`);
    return { record: { kind, run, metrics: {}, notes: [], failed: why } };
  }
}

function runFresh(
  scenario: FreshScenario,
  kinds: readonly ServerSetup[],
  options: RunnerOptions,
): Promise<RunRecord[]> {
  return rounds(scenario.name, kinds, options, async (kind, run) => {
    const label = `${scenario.name} · ${kind} · run ${run}/${options.runs}`;
    const station = await openStation(scenario, kind, label, options);
    try {
      return await attempt(kind, run, label, scenario.timeoutMs(options.sizes), options, () =>
        scenario.run(station.context),
      );
    } finally {
      await closeStation(station);
    }
  });
}

async function runShared(
  scenario: SharedScenario,
  kinds: readonly ServerSetup[],
  options: RunnerOptions,
): Promise<RunRecord[]> {
  const stations: { context: RunContext; cluster: Cluster }[] = [];
  const measurements = new Map<ServerSetup, Measurement | Error>();
  try {
    for (const kind of kinds) {
      const label = `${scenario.name} · ${kind} · set-up`;
      const station = await openStation(scenario, kind, label, options);
      stations.push(station);
      try {
        measurements.set(
          kind,
          await withTimeout(scenario.setUp(station.context), scenario.timeoutMs(options.sizes), label),
        );
      } catch (error) {
        options.progress.note(`${label}: FAILED ${error instanceof Error ? error.message : String(error)}`);
        measurements.set(kind, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return await rounds(scenario.name, kinds, options, (kind, run) => {
      const label = `${scenario.name} · ${kind} · run ${run}/${options.runs}`;
      const measurement = measurements.get(kind);
      if (!measurement || measurement instanceof Error) {
        return Promise.resolve({
          record: {
            kind,
            run,
            metrics: {},
            notes: [],
            failed: `set-up failed: ${measurement?.message ?? 'not set up'}`,
          },
        });
      }
      return attempt(kind, run, label, scenario.timeoutMs(options.sizes), options, () =>
        measurement.measure(label),
      );
    });
  } finally {
    for (const station of stations) await closeStation(station);
  }
}

function describe(outcome: RunOutcome): string {
  return Object.entries(outcome.metrics)
    .map(([key, value]) => `${key}=${typeof value === 'number' ? Number(value.toPrecision(4)) : value}`)
    .join(' ');
}
