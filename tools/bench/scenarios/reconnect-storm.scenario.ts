import { PROTOCOL_VERSION } from '@pulse/protocol';
import { ResumableWsClient, UpgradeRefused } from '../clients/resumable-ws.client';
import { openMany } from '../load/open-clients';
import { readHostBusySeconds } from '../metrics/host-cpu';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import type { Metrics } from './metrics';
import { type FreshScenario, type RunContext, type RunOutcome, type Sizes } from './scenario';

const CONCURRENCY = 64;
const ROOM_SIZE = 4;
const STEP_TIMEOUT_MS = 15_000;

function target(sizes: Sizes): number {
  return Math.max(20, sizes.stormClients);
}

function wsUrl(baseUrl: string, query: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/ws?${query}`;
}

export const reconnectStormScenario: FreshScenario = {
  style: 'fresh',
  name: 'reconnect-storm',
  title: 'Reconnect storm: every client of a drained node comes back',
  kinds: ['pulse-2n-redis', 'ws'],
  budgetWeight: 40,
  figures: [
    'reconnectsPerS',
    'cpuUsPerConnect',
    'lastResumedMs',
    'ticketFallbacks',
    'serverCpuPct',
    'loadgenCpuPct',
    'otherCpuPct',
  ],
  heartbeatMs: () => 30_000,
  params: (sizes) => ({ clients: target(sizes), concurrency: CONCURRENCY }),
  describe: (sizes) =>
    `${target(sizes).toLocaleString('en')} clients in rooms of ${ROOM_SIZE} on the first of two Pulse nodes sharing a Redis, each holding the resume-ticket its snapshot brought; ` +
    `the node gets SIGTERM (drain: close 1012 in batches), and once all are closed they come back to the second node, ${CONCURRENCY} in flight: ` +
    'upgrade with the resume ticket (no POST /auth/ticket; a refused one falls back to it, counted) + join with `since` until `resumed`. ' +
    'Plain ws: the same number of bare upgrades, the same concurrency. reconnects/s counts the coming back alone; the time until the last is back runs from the SIGTERM (ws: from the first upgrade).',
  timeoutMs: (sizes) => 60_000 + target(sizes) * 30,
  run: (context) => (context.kind === 'ws' ? runBareUpgrades(context) : runDrainAndResume(context)),
};

async function runDrainAndResume(context: RunContext): Promise<RunOutcome> {
  const { cluster, connector, progress, label } = context;
  const ticket = connector.ticket;
  if (!ticket || cluster.nodes.length < 2) throw new Error('reconnect-storm needs Pulse on two nodes');
  const [drained, survivor] = cluster.nodes;
  const total = target(context.sizes);
  connector.prepare(total);
  const roomOf = (index: number) => `reconnect-${Math.floor(index / ROOM_SIZE)}`;
  const first = await openMany({ count: total, concurrency: CONCURRENCY }, async (index) => {
    const client = await ResumableWsClient.open(
      wsUrl(drained.baseUrl, `ticket=${encodeURIComponent(await ticket(index, drained.baseUrl))}`),
      PROTOCOL_VERSION,
      STEP_TIMEOUT_MS,
    );
    await client.join(roomOf(index), STEP_TIMEOUT_MS);
    await client.ticketArrived(STEP_TIMEOUT_MS);
    return client;
  });
  if (first.opened.length < total)
    throw new Error(`only ${first.opened.length}/${total} clients joined (${first.firstError})`);

  const startUs = Number(process.hrtime.bigint() / 1000n);
  // The drained node exits during the window: server CPU is the surviving node's and Redis'.
  const measured = cluster.pids.filter((pid) => pid !== drained.pid);
  const cpuBefore = readTotalCpuSeconds(measured);
  const hostBefore = readHostBusySeconds();
  const loadgenBefore = process.cpuUsage();
  const drainStarted = performance.now();
  const stopped = drained.stop('SIGTERM', 30_000);
  const stopWatch = progress.watch(() => `${label} · draining`);
  await Promise.all(first.opened.map(({ client }) => client.closed));
  stopWatch();

  let fallbacks = 0;
  let back = 0;
  const stopBackWatch = progress.watch(() => `${label} · back ${back}/${total}`);
  const returned = await openMany({ count: total, concurrency: CONCURRENCY }, async (offset) => {
    const { index, client: old } = first.opened[offset];
    let client: ResumableWsClient;
    try {
      client = await ResumableWsClient.open(
        wsUrl(survivor.baseUrl, `ticket=${encodeURIComponent(old.resumeTicket as string)}`),
        PROTOCOL_VERSION,
        STEP_TIMEOUT_MS,
      );
    } catch (error) {
      if (!(error instanceof UpgradeRefused) || error.status !== 401) throw error;
      fallbacks++;
      client = await ResumableWsClient.open(
        wsUrl(survivor.baseUrl, `ticket=${encodeURIComponent(await ticket(index, survivor.baseUrl))}`),
        PROTOCOL_VERSION,
        STEP_TIMEOUT_MS,
      );
    }
    const answer = await client.join(roomOf(index), STEP_TIMEOUT_MS, old.resumePoint);
    if (answer !== 'resumed') throw new Error(`rejoin answered ${answer}, not resumed`);
    back++;
    return client;
  });
  stopBackWatch();
  const lastBack = performance.now();
  const reconnectMs = returned.elapsedMs;
  const seconds = (lastBack - drainStarted) / 1000;
  const cpuS = readTotalCpuSeconds(measured) - cpuBefore;
  const loadgen = process.cpuUsage(loadgenBefore);
  const loadgenS = (loadgen.user + loadgen.system) / 1e6;
  const otherS = Math.max(0, readHostBusySeconds() - hostBefore - cpuS - loadgenS);
  for (const { client } of returned.opened) client.terminate();
  await stopped;
  const metrics: Metrics = {
    reconnectsPerS: returned.opened.length / (reconnectMs / 1000),
    // The surviving node's and Redis' CPU from the SIGTERM on, per client back: the drain's share on the survivor included.
    cpuUsPerConnect: (cpuS * 1e6) / returned.opened.length,
    lastResumedMs: lastBack - drainStarted,
    ticketFallbacks: fallbacks,
    serverCpuPct: (cpuS / seconds) * 100,
    loadgenCpuPct: (loadgenS / seconds) * 100,
    otherCpuPct: (otherS / seconds) * 100,
  };
  const notes =
    returned.failures > 0 ? [`${returned.failures} clients did not come back (${returned.firstError})`] : [];
  return { metrics, notes, windowUs: { start: startUs, end: Number(process.hrtime.bigint() / 1000n) } };
}

async function runBareUpgrades(context: RunContext): Promise<RunOutcome> {
  const { cluster, connector } = context;
  const total = target(context.sizes);
  const baseUrl = cluster.urls[0];
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const cpuBefore = readTotalCpuSeconds(cluster.pids);
  const hostBefore = readHostBusySeconds();
  const loadgenBefore = process.cpuUsage();
  const result = await openMany({ count: total, concurrency: CONCURRENCY }, (index) =>
    connector.open(index, baseUrl),
  );
  const seconds = result.elapsedMs / 1000;
  const cpuS = readTotalCpuSeconds(cluster.pids) - cpuBefore;
  const loadgen = process.cpuUsage(loadgenBefore);
  const loadgenS = (loadgen.user + loadgen.system) / 1e6;
  const otherS = Math.max(0, readHostBusySeconds() - hostBefore - cpuS - loadgenS);
  for (const { client } of result.opened) client.close();
  const metrics: Metrics = {
    reconnectsPerS: result.opened.length / seconds,
    cpuUsPerConnect: (cpuS * 1e6) / result.opened.length,
    lastResumedMs: result.elapsedMs,
    serverCpuPct: (cpuS / seconds) * 100,
    loadgenCpuPct: (loadgenS / seconds) * 100,
    otherCpuPct: (otherS / seconds) * 100,
  };
  const notes = result.failures > 0 ? [`${result.failures} upgrades failed (${result.firstError})`] : [];
  return { metrics, notes, windowUs: { start: startUs, end: Number(process.hrtime.bigint() / 1000n) } };
}
