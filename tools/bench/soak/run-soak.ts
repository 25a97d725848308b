import { connectorFor } from '../clients/connector';
import { LoadStats } from '../load/load-stats';
import { openJoined } from '../load/open-joined';
import { watchLoopDelay } from '../metrics/loop-delay';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import { readTotalRssKb } from '../metrics/proc-rss';
import { ClientBag } from '../run/client-bag';
import type { Progress } from '../run/progress';
import { delay, waitQuiet } from '../run/waits';
import type { Sizes } from '../scenarios/scenario';
import { startCluster } from '../servers/cluster';
import type { ServerKind } from '../servers/server-kind';
import { slope } from './least-squares';
import { startPinger, type Pinger } from './pinger-client';
import type { SoakSample } from './soak-result';

export interface SoakOptions {
  kind: ServerKind;
  durationS: number;
  heartbeatMs: number;
  /** Clients (in a process of their own) that send one app-level ping a second each, spread evenly. */
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
 * cannot be read from outside, so a few clients ping it (app-level `ping`) and the round trips stand in for it;
 * they run in a separate process, whose own loop delay is reported too, as is the main generator's.
 */
export async function runSoak(options: SoakOptions): Promise<SoakOutcome> {
  const { progress, sizes } = options;
  const label = `soak · ${options.kind}`;
  const cluster = await startCluster(options.kind, {
    nodes: 1,
    heartbeatMs: options.heartbeatMs,
    jwtSecret: options.jwtSecret,
    cpu: options.serverCpu,
  });
  const stats = new LoadStats();
  const clients = new ClientBag();
  const connector = connectorFor(options.kind, {
    sink: stats,
    jwtSecret: options.jwtSecret,
    idPadTo: sizes.idPadTo,
  });
  const context = { kind: options.kind, cluster, connector, stats, clients, progress, sizes, label };
  let pinger: Pinger | undefined;
  try {
    connector.prepare(sizes.idleConnections);
    const opened = await openJoined(context, {
      count: sizes.idleConnections,
      roomOf: (index) => `soak-${Math.floor(index / ROOM_SIZE)}`,
    });
    await waitQuiet(() => stats.frames, 500, 30_000);
    const notes = opened.failures > 0 ? [`${opened.failures} connections failed (${opened.firstError})`] : [];
    pinger = await startPinger({
      kind: options.kind,
      baseUrl: cluster.urls[0],
      jwtSecret: options.jwtSecret,
      firstIndex: sizes.idleConnections,
      count: options.pingers,
      idPadTo: sizes.idPadTo,
    });
    if (pinger.opened < options.pingers)
      notes.push(`only ${pinger.opened} of ${options.pingers} pingers connected`);

    // The generator handles every heartbeat of every connection too; its own stalls show up in the round trips.
    const loopDelay = watchLoopDelay();
    const samples: SoakSample[] = [];
    const started = performance.now();
    let cpuBefore = readTotalCpuSeconds(cluster.pids);
    let sampledAt = started;
    const stopWatch = progress.watch(() => {
      const last = samples.at(-1);
      const elapsed = (performance.now() - started) / 1000;
      return `${label} · ${elapsed.toFixed(0)}/${options.durationS} s · ${opened.opened.length} open · RSS ${last?.rssMb.toFixed(1) ?? '?'} MiB · ping p99 ${last?.rttP99Ms.toFixed(2) ?? '?'} ms · dropped ${stats.drops}`;
    }, 10_000);
    try {
      while (performance.now() - started < options.durationS * 1000) {
        await delay(
          Math.min(options.sampleEveryS * 1000, options.durationS * 1000 - (performance.now() - started)),
        );
        const now = performance.now();
        const cpu = readTotalCpuSeconds(cluster.pids);
        const rtt = await pinger.sample();
        const generatorDelay = loopDelay.sample();
        samples.push({
          tS: (now - started) / 1000,
          rssMb: readTotalRssKb(cluster.pids) / 1024,
          cpuPct: ((cpu - cpuBefore) / ((now - sampledAt) / 1000)) * 100,
          rttP50Ms: rtt.rttP50Ms,
          rttP99Ms: rtt.rttP99Ms,
          rttMaxMs: rtt.rttMaxMs,
          pongs: rtt.pongs,
          pingerLoopP99Ms: rtt.loopP99Ms,
          loadgenLoopP99Ms: generatorDelay.p99Ms,
          loadgenLoopMaxMs: generatorDelay.maxMs,
          dropped: stats.drops,
        });
        cpuBefore = cpu;
        sampledAt = now;
      }
    } finally {
      stopWatch();
      loopDelay.stop();
    }
    const secondHalf = samples
      .filter((sample) => sample.tS >= options.durationS / 2)
      .map((sample) => [sample.tS / 60, sample.rssMb] as const);
    return { connections: opened.opened.length, samples, rssSlopeMbPerMin: slope(secondHalf), notes };
  } finally {
    pinger?.stop();
    await cluster.stop();
    clients.closeAll();
  }
}
