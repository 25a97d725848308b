import { readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './clock-ticks';

/** User + system CPU seconds a process has used so far (`utime + stime` of `/proc/PID/stat`). */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; every later field follows its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicksPerSecond();
}

/** CPU seconds of several processes (the nodes of one cluster) together. */
export function readTotalCpuSeconds(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) total += readCpuSeconds(pid);
  return total;
}
