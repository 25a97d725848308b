import { openJoined } from '../load/open-joined';
import { readHostBusySeconds } from '../metrics/host-cpu';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import type { Metrics } from './metrics';
import {
  DEFAULT_KINDS,
  scaled,
  type FreshScenario,
  type RunContext,
  type RunOutcome,
  type Sizes,
} from './scenario';

const MAX_CONNECTIONS = 3000;
const MAX_SECONDS = 3;
const CONCURRENCY = 64;
const ROOM_SIZE = 4;

function target(sizes: Sizes): number {
  return scaled(MAX_CONNECTIONS, sizes, 20);
}

export const connectStormScenario: FreshScenario = {
  style: 'fresh',
  name: 'connect-storm',
  title: 'Connect storm',
  kinds: DEFAULT_KINDS,
  budgetWeight: 50,
  figures: ['connectsPerS', 'cpuUsPerConnect', 'serverCpuPct', 'loadgenCpuPct', 'otherCpuPct'],
  heartbeatMs: () => 30_000,
  params: (sizes) => ({ maxConnections: target(sizes), maxSeconds: MAX_SECONDS, concurrency: CONCURRENCY }),
  describe: (sizes) =>
    `Up to ${target(sizes).toLocaleString('en')} new clients, ${CONCURRENCY} in flight, for at most ${MAX_SECONDS} s: Pulse does ticket (POST with the client's own JWT) + upgrade + join (until its snapshot); plain ws a bare upgrade; plain Socket.IO a bare connect (WebSocket transport).`,
  timeoutMs: () => 60_000,
  run: runStorm,
};

async function runStorm(context: RunContext): Promise<RunOutcome> {
  const { cluster, sizes, kind } = context;
  const total = target(sizes);
  context.connector.prepare(total);
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const cpuBefore = readTotalCpuSeconds(cluster.pids);
  const hostBefore = readHostBusySeconds();
  const loadgenBefore = process.cpuUsage();
  const result = await openJoined(context, {
    count: total,
    concurrency: CONCURRENCY,
    stopAt: performance.now() + MAX_SECONDS * 1000,
    roomOf: kind === 'pulse' ? (index) => `storm-${Math.floor(index / ROOM_SIZE)}` : undefined,
  });
  const seconds = result.elapsedMs / 1000;
  const cpuS = readTotalCpuSeconds(cluster.pids) - cpuBefore;
  const loadgen = process.cpuUsage(loadgenBefore);
  const loadgenS = (loadgen.user + loadgen.system) / 1e6;
  const otherS = Math.max(0, readHostBusySeconds() - hostBefore - cpuS - loadgenS);
  const opened = result.opened.length;
  const metrics: Metrics = {
    connectsPerS: opened / seconds,
    cpuUsPerConnect: (cpuS * 1e6) / opened,
    serverCpuPct: (cpuS / seconds) * 100,
    loadgenCpuPct: (loadgenS / seconds) * 100,
    otherCpuPct: (otherS / seconds) * 100,
  };
  const notes = result.failures > 0 ? [`${result.failures} connects failed (${result.firstError})`] : [];
  return { metrics, notes, windowUs: { start: startUs, end: Number(process.hrtime.bigint() / 1000n) } };
}
