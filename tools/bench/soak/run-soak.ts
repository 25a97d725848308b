import { connectorFor } from '../clients/connector';
import { LoadStats } from '../load/load-stats';
import { openJoined } from '../load/open-joined';
import { stampNow } from '../load/timestamp';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import { readTotalRssKb } from '../metrics/proc-rss';
import { ClientBag } from '../run/client-bag';
import type { Progress } from '../run/progress';
import { delay, waitQuiet } from '../run/waits';
import type { Sizes } from '../scenarios/scenario';
import { startCluster } from '../servers/cluster';
import type { ServerKind } from '../servers/server-kind';
import { slope } from './least-squares';
import type { SoakSample } from './soak-result';

export interface SoakOptions {
  kind: ServerKind;
  durationS: number;
  heartbeatMs: number;
  /** Clients that send one app-level ping a second each, spread evenly. */
  pingers: number;
  sampleEveryS: number;
  sizes: Sizes;
  jwtSecret: string;
  serverCpu?: number;
  progress: Progress;
}

export interface SoakOutcome {
  connections: number;
  samples: SoakSample[];
  rssSlopeMbPerMin: number;
  notes: string[];
}

const ROOM_SIZE = 4;

/**
 * Idle connections joined to rooms with heartbeats running, for `durationS`. The server's event-loop delay
 * cannot be read from outside, so a few clients ping it (app-level `ping`) and the round trips stand in for it.
 */
export async function runSoak(options: SoakOptions): Promise<SoakOutcome> {
  const { progress, sizes } = options;
  const label = `soak · ${options.kind}`;
  const cluster = await startCluster(options.kind, { nodes: 1, heartbeatMs: options.heartbeatMs, jwtSecret: options.jwtSecret, cpu: options.serverCpu });
  const stats = new LoadStats();
  const clients = new ClientBag();
  const connector = connectorFor(options.kind, { sink: stats, jwtSecret: options.jwtSecret, idPadTo: sizes.idPadTo });
  const context = { kind: options.kind, cluster, connector, stats, clients, progress, sizes, label };
  let pingTimer: NodeJS.Timeout | undefined;
  try {
    connector.prepare(sizes.idleConnections);
    const opened = await openJoined(context, { count: sizes.idleConnections, roomOf: (index) => `soak-${Math.floor(index / ROOM_SIZE)}` });
    await waitQuiet(() => stats.frames, 500, 30_000);
    const notes = opened.failures > 0 ? [`${opened.failures} connections failed (${opened.firstError})`] : [];
    const pingers = opened.opened.slice(0, options.pingers).map(({ client }) => client);
    let next = 0;
    pingTimer = setInterval(() => {
      pingers[next].ping(stampNow());
      next = (next + 1) % pingers.length;
    }, 1000 / pingers.length);

    const samples: SoakSample[] = [];
    const started = performance.now();
    let cpuBefore = readTotalCpuSeconds(cluster.pids);
    let sampledAt = started;
    const stopWatch = progress.watch(() => {
      const last = samples.at(-1);
      const elapsed = (performance.now() - started) / 1000;
      return `${label} · ${elapsed.toFixed(0)}/${options.durationS} s · ${opened.opened.length} open · RSS ${last?.rssMb.toFixed(1) ?? '?'} MiB · ping p99 ${last?.rttP99Ms.toFixed(2) ?? '?'} ms · dropped ${stats.drops}`;
    }, 5000);
    try {
      while (performance.now() - started < options.durationS * 1000) {
        await delay(Math.min(options.sampleEveryS * 1000, options.durationS * 1000 - (performance.now() - started)));
        const now = performance.now();
        const cpu = readTotalCpuSeconds(cluster.pids);
        samples.push({
          tS: (now - started) / 1000,
          rssMb: readTotalRssKb(cluster.pids) / 1024,
          cpuPct: ((cpu - cpuBefore) / ((now - sampledAt) / 1000)) * 100,
          rttP50Ms: stats.rtt.quantile(0.5),
          rttP99Ms: stats.rtt.quantile(0.99),
          rttMaxMs: stats.rtt.max,
          pongs: stats.rtt.count,
          dropped: stats.drops,
        });
        stats.rtt.reset();
        cpuBefore = cpu;
        sampledAt = now;
      }
    } finally {
      stopWatch();
    }
    const secondHalf = samples.filter((sample) => sample.tS >= options.durationS / 2).map((sample) => [sample.tS / 60, sample.rssMb] as const);
    return { connections: opened.opened.length, samples, rssSlopeMbPerMin: slope(secondHalf), notes };
  } finally {
    clearInterval(pingTimer);
    await cluster.stop();
    clients.closeAll();
  }
}
