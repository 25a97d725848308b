import { openJoined } from '../load/open-joined';
import { median } from '../metrics/median';
import { readHostBusySeconds } from '../metrics/host-cpu';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import { readTotalRssKb } from '../metrics/proc-rss';
import { delay, waitQuiet } from '../run/waits';
import type { Metrics } from './metrics';
import { DEFAULT_KINDS, type FreshScenario, type RunContext, type RunOutcome, type Sizes } from './scenario';

const ROOM_SIZE = 4;
const HEARTBEAT_MS = 2000;
/** Connections opened and closed before the first RSS reading, so lazy start-up costs are not counted. */
const WARM_CONNECTIONS = 100;
const HEARTBEAT_ROUNDS = 2;

/** The RSS of the cluster now, as the median of a few readings. */
async function sampleRssKb(pids: readonly number[]): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(readTotalRssKb(pids));
    await delay(100);
  }
  return median(readings);
}

function count(sizes: Sizes): number {
  return Math.max(ROOM_SIZE * 2, Math.round(sizes.idleConnections));
}

export const idleScenario: FreshScenario = {
  style: 'fresh',
  name: 'idle',
  title: 'Idle connections joined to rooms, heartbeats running',
  kinds: DEFAULT_KINDS,
  budgetWeight: 105,
  figures: [
    'rssKbPerConn',
    'heartbeatsPerConn',
    'serverCpuPct',
    'connectsPerS',
    'idleConnections',
    'dropped',
    'otherCpuPct',
  ],
  heartbeatMs: () => HEARTBEAT_MS,
  params: (sizes) => ({
    connections: count(sizes),
    roomSize: ROOM_SIZE,
    heartbeatMs: HEARTBEAT_MS,
    heartbeatRounds: HEARTBEAT_ROUNDS,
  }),
  describe: (sizes) =>
    `${count(sizes).toLocaleString('en')} connections (each its own user) joined to rooms of ${ROOM_SIZE}, server heartbeat every ${HEARTBEAT_MS} ms; RSS before (after ${WARM_CONNECTIONS} warm-up connections came and went) and after ${HEARTBEAT_ROUNDS} heartbeat rounds, divided by the connections.`,
  timeoutMs: (sizes) => 90_000 + count(sizes) * 10,
  run: runIdle,
};

async function runIdle(context: RunContext): Promise<RunOutcome> {
  const { cluster, stats, sizes, progress, label } = context;
  const total = count(sizes);
  context.connector.prepare(total + WARM_CONNECTIONS);

  const warm = await openJoined(context, {
    count: WARM_CONNECTIONS,
    roomOf: (index) => `warm-${Math.floor(index / ROOM_SIZE)}`,
    firstIndex: total,
  });
  for (const { client } of warm.opened) client.close();
  await waitQuiet(() => stats.frames, 300, 10_000);
  await delay(500);
  const rssBefore = await sampleRssKb(cluster.pids);

  const opened = await openJoined(context, {
    count: total,
    roomOf: (index) => `idle-${Math.floor(index / ROOM_SIZE)}`,
  });
  const connections = opened.opened.length;
  let stopWatch = progress.watch(() => `${label} · settling, ${connections} open`);
  await waitQuiet(() => stats.frames, 300, 30_000);
  stopWatch();

  const heartbeatsBefore = stats.heartbeats;
  const cpuBefore = readTotalCpuSeconds(cluster.pids);
  const hostBefore = readHostBusySeconds();
  const loadgenBefore = process.cpuUsage();
  const started = performance.now();
  stopWatch = progress.watch(
    () => `${label} · idle with heartbeats, ${stats.heartbeats - heartbeatsBefore} heartbeats seen`,
  );
  await delay(HEARTBEAT_MS * HEARTBEAT_ROUNDS + 200);
  stopWatch();
  const seconds = (performance.now() - started) / 1000;
  const cpuS = readTotalCpuSeconds(cluster.pids) - cpuBefore;
  const loadgen = process.cpuUsage(loadgenBefore);
  const otherS = Math.max(
    0,
    readHostBusySeconds() - hostBefore - cpuS - (loadgen.user + loadgen.system) / 1e6,
  );
  const rssAfter = await sampleRssKb(cluster.pids);

  const metrics: Metrics = {
    rssKbPerConn: (rssAfter - rssBefore) / connections,
    heartbeatsPerConn: (stats.heartbeats - heartbeatsBefore) / connections,
    serverCpuPct: (cpuS / seconds) * 100,
    otherCpuPct: (otherS / seconds) * 100,
    connectsPerS: connections / (opened.elapsedMs / 1000),
    idleConnections: connections,
    dropped: stats.drops,
    errors: stats.errors,
  };
  const notes: string[] = [];
  if (opened.failures > 0)
    notes.push(`${opened.failures} connections failed (${opened.firstError}); measured with ${connections}`);
  return { metrics, notes };
}
