import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './find-executable';
import { nginxTempDirs, renderNginxConfig, type NginxConfigOptions } from './render-config';

export interface NginxProcess {
  /** `http://host:port` of the proxy. */
  readonly url: string;
  readonly pid: number;
  readonly configPath: string;
  /** What nginx wrote to stderr so far (startup problems, crit errors). */
  output(): string;
  /** Resolves when the master process exits, whoever stopped it. */
  readonly exited: Promise<void>;
  /** SIGTERM by PID (fast shutdown), SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

export interface StartNginxOptions extends NginxConfigOptions {
  /** How long nginx may take to answer `/healthz` through the proxy. @default 10000 */
  readonly readyTimeoutMs?: number;
}

const STOP_GRACE_MS = 5000;
const PROBE_INTERVAL_MS = 25;

export const NGINX_INSTALL_HINT = 'nginx is not installed: apt-get install nginx-light (Debian/Ubuntu)';

/**
 * Renders the config into `options.prefix`, runs nginx in the foreground there, and resolves once a request to
 * `/healthz` through the proxy reaches a node. Rejects with nginx's own message if it fails to start.
 */
export async function startNginx(options: StartNginxOptions): Promise<NginxProcess> {
  const binary = findExecutable('nginx');
  if (!binary) throw new Error(NGINX_INSTALL_HINT);
  for (const dir of nginxTempDirs(options.prefix)) mkdirSync(dir, { recursive: true });
  const configPath = join(options.prefix, 'nginx.conf');
  writeFileSync(configPath, renderNginxConfig(options));

  const child = spawn(binary, ['-p', options.prefix, '-c', configPath, '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // 'close' (stderr drained) follows 'exit' at once when nginx dies at startup, before any worker holds stderr.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run ${binary}: ${error.message}`)));
    void closed.then(() =>
      reject(
        new Error(`nginx exited during startup (${child.exitCode ?? child.signalCode}): ${output.trim()}`),
      ),
    );
  });
  failed.catch(() => undefined);

  const url = `http://${options.listenHost ?? '127.0.0.1'}:${options.listenPort}`;
  try {
    await Promise.race([untilHealthy(url, options.readyTimeoutMs ?? 10_000), failed]);
  } catch (error) {
    await terminate(child, exited);
    throw error;
  }
  return {
    url,
    pid: child.pid ?? -1,
    configPath,
    output: () => output,
    exited,
    stop: () => terminate(child, exited),
  };
}

async function untilHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  throw new Error(
    `nginx at ${url} did not answer /healthz through the proxy within ${timeoutMs} ms (${last})`,
  );
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
