import type { LoadStats } from '../load/load-stats';
import { readHostBusySeconds } from './host-cpu';
import { readTotalCpuSeconds } from './proc-cpu';

/** Counters at one instant, to difference over a measurement window. */
export interface WindowSnapshot {
  wallMs: number;
  /** CLOCK_MONOTONIC in µs, the clock `--cpu-prof` stamps samples with. */
  monotonicUs: number;
  serverCpuS: number;
  hostBusyS: number;
  loadgen: NodeJS.CpuUsage;
  moves: number;
  bytes: number;
}

export function takeSnapshot(pids: readonly number[], stats: LoadStats): WindowSnapshot {
  return {
    wallMs: performance.now(),
    monotonicUs: Number(process.hrtime.bigint() / 1000n),
    serverCpuS: readTotalCpuSeconds(pids),
    hostBusyS: readHostBusySeconds(),
    loadgen: process.cpuUsage(),
    moves: stats.moves,
    bytes: stats.receivedBytes,
  };
}

export interface WindowDelta {
  seconds: number;
  serverCpuS: number;
  serverCpuPct: number;
  loadgenCpuPct: number;
  /** CPU used by everything else on the machine, percent of one core. */
  otherCpuPct: number;
  moves: number;
  /** Payload bytes the native WebSocket clients received. */
  bytes: number;
}

export function windowDelta(from: WindowSnapshot, to: WindowSnapshot): WindowDelta {
  const seconds = (to.wallMs - from.wallMs) / 1000;
  const serverCpuS = to.serverCpuS - from.serverCpuS;
  const loadgenS = (to.loadgen.user - from.loadgen.user + to.loadgen.system - from.loadgen.system) / 1e6;
  return {
    seconds,
    serverCpuS,
    serverCpuPct: (serverCpuS / seconds) * 100,
    loadgenCpuPct: (loadgenS / seconds) * 100,
    otherCpuPct: (Math.max(0, to.hostBusyS - from.hostBusyS - serverCpuS - loadgenS) / seconds) * 100,
    moves: to.moves - from.moves,
    bytes: to.bytes - from.bytes,
  };
}
