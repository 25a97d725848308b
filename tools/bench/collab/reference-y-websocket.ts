import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@pulse/testing';
import { reapOnExit } from '../servers/child-reaper';
import { pinnedCommand } from '../servers/cpu-pinning';

/** The reference server the issue names: the one bundled with this y-websocket release. */
export const REFERENCE_PACKAGE = 'y-websocket@1.5.4';

const READY_TIMEOUT_MS = 30_000;

export interface ReferenceServer {
  readonly pid: number;
  /** `ws://127.0.0.1:PORT`: a provider's server URL (the document name is the path). */
  readonly wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Installs `y-websocket@1.5.4` into a temporary folder outside the workspace (the workspace keeps its one version
 * of each library; this one is the server's, with its own dependencies) and returns that folder, removed by `dispose`.
 */
export function installReference(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-y-websocket-'));
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      REFERENCE_PACKAGE,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    },
  );
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts its `bin/server.js` (in memory: no `YPERSISTENCE`) on 127.0.0.1 and a free port, pinned like Pulse's nodes. */
export async function startReference(dir: string, cpu: number | undefined): Promise<ReferenceServer> {
  const port = await freePort();
  const { command, args } = pinnedCommand(cpu, [join(dir, 'node_modules/y-websocket/bin/server.js')]);
  const child = spawn(command, args, {
    env: { PATH: process.env['PATH'], HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  reapOnExit(child);
  const { pid, stdout } = child;
  if (pid === undefined || !stdout)
    throw new Error(`${REFERENCE_PACKAGE} bin/server.js could not be started`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${REFERENCE_PACKAGE} bin/server.js: not listening after ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.once('exit', (code, signal) =>
      reject(new Error(`${REFERENCE_PACKAGE} bin/server.js exited early (${signal ?? code})`)),
    );
    createInterface({ input: stdout }).on('line', (line) => {
      if (!line.includes(`on port ${port}`)) return;
      clearTimeout(timer);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { pid, wsUrl: `ws://127.0.0.1:${port}`, stop };
}
