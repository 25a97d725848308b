import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Which CPU the servers and the load generator get: servers on the last CPU, the generator on the first. */
export interface CpuPlan {
  server?: number;
  generator?: number;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins the current process (all its threads) to the generator CPU, and says where servers go. */
export function planCpus(enabled: boolean): CpuPlan {
  const cpus = availableParallelism();
  if (!enabled || cpus < 2 || !hasTaskset()) return {};
  const plan = { server: cpus - 1, generator: 0 };
  execFileSync('taskset', ['-apc', String(plan.generator), String(process.pid)], { stdio: 'ignore' });
  return plan;
}

/** The command and arguments that start `args` pinned to `cpu` (taskset execs, so the PID is the server's). */
export function pinnedCommand(
  cpu: number | undefined,
  args: readonly string[],
): { command: string; args: string[] } {
  if (cpu === undefined) return { command: process.execPath, args: [...args] };
  return { command: 'taskset', args: ['-c', String(cpu), process.execPath, ...args] };
}
