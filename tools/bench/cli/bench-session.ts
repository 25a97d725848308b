import { randomBytes } from 'node:crypto';
import { machineInfo, type MachineInfo } from '../report/machine-info';
import { Progress } from '../run/progress';
import { planCpus, type CpuPlan } from '../servers/cpu-pinning';
import type { BenchArgs } from './bench-args';
import { buildApi } from './build-api';

/** What every command shares: progress output, the CPU plan, the run's JWT secret and the command line. */
export interface BenchSession {
  args: BenchArgs;
  progress: Progress;
  cpus: CpuPlan;
  jwtSecret: string;
  command: string;
  startedAt: Date;
  machine: MachineInfo;
}

export function openSession(args: BenchArgs, argv: readonly string[]): BenchSession {
  const progress = new Progress();
  if (args.build) {
    progress.note('building the API (npx nx build api)');
    buildApi();
  }
  const machine = machineInfo();
  const cpus = planCpus(args.pin);
  progress.note(
    cpus.server === undefined
      ? 'CPU pinning off'
      : `servers pinned to CPU ${cpus.server}, load generator to CPU ${cpus.generator}`,
  );
  return {
    args,
    progress,
    cpus,
    jwtSecret: randomBytes(32).toString('hex'),
    command: ['node -r @swc-node/register tools/bench/bench.ts', ...argv].join(' '),
    startedAt: new Date(),
    machine,
  };
}

export function describePinning(cpus: CpuPlan): string {
  return cpus.server === undefined
    ? 'no CPU pinning'
    : `servers pinned to CPU ${cpus.server} and the load generator to CPU ${cpus.generator} with taskset`;
}
