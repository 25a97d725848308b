import { readFileSync } from 'node:fs';

/** Resident set size of a process in KiB (`VmRSS` of `/proc/PID/status`). */
export function readRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** RSS of several processes together, in KiB. */
export function readTotalRssKb(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) total += readRssKb(pid);
  return total;
}
