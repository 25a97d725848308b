import type { BenchClient } from '../clients/bench-client';
import { openJoined } from '../load/open-joined';
import { SendLoop, type Sender } from '../load/send-loop';
import { BOARD_CELLS, cellReuseS, type StampCounts } from '../load/stamp-table';
import { watchGcPauses } from '../metrics/gc-pauses';
import { takeSnapshot, windowDelta } from '../metrics/window-snapshot';
import { readCpuSeconds, readTotalCpuSeconds } from '../metrics/proc-cpu';
import { delay, waitCpuIdle, waitQuiet, waitUntil } from '../run/waits';
import { setupSpec, type ServerSetup } from '../servers/server-setup';
import type { MetricKey, Metrics } from './metrics';
import {
  DEFAULT_KINDS,
  scaled,
  type Measurement,
  type RunContext,
  type RunOutcome,
  type SharedScenario,
  type Sizes,
} from './scenario';

/** Rooms of members, some of whom move at a fixed aggregate rate; everyone else in the room receives. */
export interface FanoutSpec {
  name: string;
  title: string;
  rooms: number;
  membersPerRoom: number;
  /** Senders in all (spread over the rooms), or 'all'. */
  senders: number | 'all';
  /** Aggregate moves per second. */
  ratePerS: number;
  /** @default DEFAULT_KINDS */
  kinds?: readonly ServerSetup[];
  /** See `Scenario.budgetWeight`. */
  budgetWeight: number;
  /** Appended to the description (what the set-ups are). */
  note?: string;
  /** Report the bytes received per delivered message (the encodings comparison). */
  bytesFigure?: boolean;
}

interface Plan {
  rooms: number;
  members: number;
  senders: number;
  ratePerS: number;
}

const DRAIN_MS = 5000;
/** A generator GC pause at least this long is noted on the run: it delays every delivery it overlaps. */
const GENERATOR_GC_NOTE_MS = 10;
/** Deliveries in the window below this share of what the window's sends should cause: the run is noted as behind. */
const BEHIND_SHARE = 0.95;
/**
 * A sender reuses a board cell every BOARD_CELLS / (its rate) seconds; a delivery later than that cannot be told from
 * the newer move's. Every scenario must leave a wide margin over the drain (the highest rate, 10 moves/s per sender in
 * one-room-100, batched-room-100 and two-nodes-redis, reuses a cell after 76.8 s).
 */
const MIN_CELL_REUSE_S = 30;

function plan(spec: FanoutSpec, sizes: Sizes): Plan {
  const rooms = scaled(spec.rooms, sizes);
  const members = spec.rooms === 1 ? scaled(spec.membersPerRoom, sizes, 4) : spec.membersPerRoom;
  const senders = spec.senders === 'all' ? rooms * members : Math.min(spec.senders, rooms * members);
  const ratePerS =
    spec.senders === 'all' ? (spec.ratePerS / (spec.rooms * spec.membersPerRoom)) * senders : spec.ratePerS;
  const reuseS = cellReuseS(ratePerS / senders);
  if (reuseS < MIN_CELL_REUSE_S) {
    throw new Error(
      `${spec.name}: ${ratePerS / senders} moves/s per sender reuses a board cell every ${reuseS.toFixed(1)} s (under ${MIN_CELL_REUSE_S} s)`,
    );
  }
  return { rooms, members, senders, ratePerS };
}

/** Notes on deliveries whose send time could not be known (see `StampTable`), between two readings of its counts. */
function stampNotes(before: StampCounts, after: StampCounts): string[] {
  const unknown = after.unknown - before.unknown;
  const stale = after.stale - before.stale;
  const ambiguous = after.ambiguous - before.ambiguous;
  const missing = after.missingAtReuse - before.missingAtReuse;
  const notes: string[] = [];
  if (unknown > 0)
    notes.push(`${unknown} deliveries named no move sent (unknown player or cell): no latency`);
  if (stale + ambiguous > 0) {
    notes.push(
      `${stale + ambiguous} deliveries came after their sender had reused the cell (${BOARD_CELLS} moves later) or were duplicates: no latency`,
    );
  }
  if (missing > 0) notes.push(`${missing} deliveries were still missing when their cell was reused`);
  return notes;
}

export function fanoutScenario(spec: FanoutSpec): SharedScenario {
  const kinds = spec.kinds ?? DEFAULT_KINDS;
  const redisFigure: MetricKey[] = kinds.some((kind) => setupSpec(kind).redis) ? ['redisCpuPct'] : [];
  return {
    style: 'shared',
    name: spec.name,
    title: spec.title,
    kinds,
    budgetWeight: spec.budgetWeight,
    figures: [
      'cpuUsPerMsg',
      ...(spec.bytesFigure ? (['bytesPerMsg'] as MetricKey[]) : []),
      'p50Ms',
      'p99Ms',
      'p999Ms',
      'deliveredPerS',
      'deliveredRatio',
      'serverCpuPct',
      ...redisFigure,
      'loadgenCpuPct',
      'otherCpuPct',
    ],
    heartbeatMs: () => 30_000,
    params: (sizes) => ({ ...plan(spec, sizes), durationS: sizes.durationS, warmupS: sizes.warmupS }),
    describe: (sizes) => {
      const p = plan(spec, sizes);
      return (
        `${p.rooms} room(s) of ${p.members}; ${p.senders} sender(s) moving at ${p.ratePerS} moves/s in all ` +
        `(${(p.ratePerS * (p.members - 1)).toLocaleString('en')} deliveries/s offered). Each server is started and its clients joined once; ` +
        `then, round after round, each server in turn gets ${sizes.warmupS} s of load, a ${sizes.durationS} s measured window and a drain (at most ${DRAIN_MS / 1000} s). ` +
        `Each move names its sender's next cell of the ${BOARD_CELLS}-cell game board (a cell comes round again after ${cellReuseS(p.ratePerS / p.senders).toFixed(0)} s).` +
        (spec.note ? ` ${spec.note}` : '')
      );
    },
    timeoutMs: (sizes) => 120_000 + (sizes.warmupS + sizes.durationS) * 1000,
    setUp: (context) => setUpFanout(spec, context),
  };
}

/** Connects and joins every client, waits for the join traffic to end, and picks the senders. */
async function setUpFanout(spec: FanoutSpec, context: RunContext): Promise<Measurement> {
  const { stats, sizes, progress, label } = context;
  const p = plan(spec, sizes);
  const total = p.rooms * p.members;
  const roomOf = (index: number): string => `${spec.name}-${Math.floor(index / p.members)}`;
  context.connector.prepare(total);
  const opened = await openJoined(context, { count: total, roomOf });
  if (opened.opened.length < total) {
    throw new Error(
      `${total - opened.opened.length} of ${total} clients did not connect and join: ${opened.firstError}`,
    );
  }
  const stopWatch = progress.watch(() => `${label} · settling (${stats.frames.toLocaleString('en')} frames)`);
  await waitQuiet(() => stats.frames, 300, 30_000);
  stopWatch();
  // Senders spread evenly over the clients (so over the rooms), each with its room's fan-out; with several nodes,
  // sender i is on node i mod N (clients are dealt to nodes round-robin), so every node takes its share of inbound.
  const byIndex = new Map<number, BenchClient>(opened.opened.map(({ index, client }) => [index, client]));
  const step = total / p.senders;
  const nodes = context.cluster.urls.length;
  const senders: Sender[] = Array.from({ length: p.senders }, (_, i) => {
    const even = Math.floor(i * step);
    const index = step >= nodes ? Math.min(total - 1, even - (even % nodes) + (i % nodes)) : even;
    return {
      client: byIndex.get(index) as BenchClient,
      room: roomOf(index),
      player: context.connector.user(index),
      fanout: p.members - 1,
    };
  });
  return { measure: (runLabel) => measureFanout({ ...context, label: runLabel }, senders, p.ratePerS) };
}

async function measureFanout(
  context: RunContext,
  senders: readonly Sender[],
  ratePerS: number,
): Promise<RunOutcome> {
  const { stats, sizes, progress, label, cluster } = context;
  const loop = new SendLoop(senders, ratePerS, stats.stamps);
  const stampsBefore = stats.stamps.counts;
  const movesBefore = stats.moves;
  const errorsBefore = stats.errors;
  const delivered = (): number => stats.moves - movesBefore;
  let phase = 'warm-up';
  const stopWatch = progress.watch(
    () =>
      `${label} · ${phase} · sent ${loop.sent.toLocaleString('en')} · delivered ${delivered().toLocaleString('en')}/${loop.expected.toLocaleString('en')}`,
  );
  loop.start();
  try {
    await delay(sizes.warmupS * 1000);
    phase = 'measuring';
    const sentBefore = loop.sent;
    stats.latency.reset();
    const redisCpu = (): number => (cluster.redisPid === undefined ? 0 : readCpuSeconds(cluster.redisPid));
    const redisFrom = redisCpu();
    const from = takeSnapshot(cluster.pids, stats);
    const gc = watchGcPauses();
    stats.recording = true;
    await delay(sizes.durationS * 1000);
    stats.recording = false;
    const generatorGc = gc.stop();
    const to = takeSnapshot(cluster.pids, stats);
    const redisS = redisCpu() - redisFrom;
    const sentInWindow = loop.sent - sentBefore;
    const expectedInWindow = loop.sent > 0 ? (loop.expected / loop.sent) * sentInWindow : 0;
    loop.stop();
    phase = 'draining';
    await waitUntil(() => delivered() >= loop.expected, DRAIN_MS);
    const deliveredRatio = delivered() / loop.expected;
    // Let a lagging server finish its backlog before the next server's window (they share a CPU).
    await waitQuiet(() => stats.frames, 200, DRAIN_MS);
    const idle = await waitCpuIdle(() => readTotalCpuSeconds(cluster.pids), 10, DRAIN_MS);
    const window = windowDelta(from, to);
    const errors = stats.errors - errorsBefore;
    const metrics: Metrics = {
      deliveredPerS: window.moves / window.seconds,
      deliveredRatio,
      sentPerS: sentInWindow / window.seconds,
      p50Ms: stats.latency.quantile(0.5),
      p99Ms: stats.latency.quantile(0.99),
      p999Ms: stats.latency.quantile(0.999),
      cpuUsPerMsg: (window.serverCpuS * 1e6) / window.moves,
      ...(window.bytes > 0 ? { bytesPerMsg: window.bytes / window.moves } : {}),
      serverCpuPct: window.serverCpuPct,
      ...(cluster.redisPid === undefined ? {} : { redisCpuPct: (redisS / window.seconds) * 100 }),
      loadgenCpuPct: window.loadgenCpuPct,
      otherCpuPct: window.otherCpuPct,
      errors,
    };
    const notes = errors > 0 ? [`errors: ${stats.describeErrors()}`] : [];
    notes.push(...stampNotes(stampsBefore, stats.stamps.counts));
    if (generatorGc.maxMs >= GENERATOR_GC_NOTE_MS) {
      notes.push(
        `load generator's own GC paused it up to ${generatorGc.maxMs.toFixed(1)} ms (${generatorGc.totalMs.toFixed(0)} ms in ${generatorGc.count} pauses) in the window: latency includes it`,
      );
    }
    // A server (or a machine) that cannot keep up spends the window on a backlog: its CPU per message is not like the others'.
    if (window.moves < BEHIND_SHARE * expectedInWindow) {
      notes.push(
        `behind in its window: ${Math.round(window.moves).toLocaleString('en')} of ${Math.round(expectedInWindow).toLocaleString('en')} deliveries`,
      );
    }
    if (!idle)
      notes.push(
        `server still busy ${(2 * DRAIN_MS) / 1000} s after its window; the next server's run may be disturbed`,
      );
    return { metrics, notes, windowUs: { start: from.monotonicUs, end: to.monotonicUs } };
  } finally {
    loop.stop();
    stopWatch();
  }
}
