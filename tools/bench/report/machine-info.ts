import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../servers/workspace-paths';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  /** `free -g`, verbatim. */
  freeG: string;
  kernel: string;
  /** /proc/loadavg when the bench started (other engineers share the machine). */
  loadavg: string;
  node: string;
  packages: Record<string, string>;
  git: { commit: string; dirty: boolean };
}

/** `@nestjs/platform-ws/node_modules/ws`: the ws Pulse's server runs (Nest pins its own), next to the baselines' one. */
const PACKAGES = [
  'ws',
  '@nestjs/platform-ws/node_modules/ws',
  'socket.io',
  'socket.io-client',
  '@nestjs/core',
  '@nestjs/platform-ws',
  '@nestjs/websockets',
  '@sinclair/typebox',
];

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', cwd: WORKSPACE_ROOT }).trimEnd();
  } catch {
    return 'unknown';
  }
}

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(
      readFileSync(join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return name.includes('/node_modules/') ? 'hoisted' : 'not installed';
  }
}

/** Read before the bench pins itself to one CPU, or `nproc` would say 1. */
export function machineInfo(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: Number(run('nproc', [])),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    freeG: run('free', ['-g']),
    kernel: run('uname', ['-r']),
    loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
    git: {
      commit: run('git', ['rev-parse', '--short', 'HEAD']),
      dirty: run('git', ['status', '--porcelain']) !== '',
    },
  };
}
