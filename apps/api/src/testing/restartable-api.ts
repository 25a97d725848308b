import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_SERVER } from './cluster-processes';

const ROOT_DIR = join(__dirname, '../../../..');
const LISTEN_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 10_000;
const KEPT_OUTPUT_CHARS = 20_000;

/**
 * The built server (what `npm start` runs) as a real process on 127.0.0.1 and a fixed port, so that it can be stopped
 * and started again where its clients expect it, as a deploy or a crash-and-restart would. Needs `nx build api` (and
 * `nx build web` for `/`).
 */
export interface RestartableApi {
  /** `http://127.0.0.1:PORT`, the same across restarts. */
  readonly httpUrl: string;
  /** Starts the server and resolves once it logs that it listens. */
  start(): Promise<void>;
  /** SIGTERM (the server drains, then exits) and resolves with the exit code; SIGKILL if it hangs. */
  stop(): Promise<number | NodeJS.Signals | null>;
  /** What the server logged, all runs together (the tail), for failure messages. */
  output(): string;
}

/**
 * A server for `port` with `env` on top of the basics (PATH, HOST, PORT, LOG_LEVEL=log). Each `start` is a new process
 * with the same settings. Access tokens issued before a restart are still good after it with a fixed `JWT_SECRET`, or
 * without one with the same `DEV_JWT_SECRET_FILE` (the default config keeps its secret there).
 */
export function restartableApi(port: number, env: Readonly<Record<string, string>>): RestartableApi {
  let child: ChildProcess | undefined;
  let exited: Promise<number | NodeJS.Signals | null> = Promise.resolve(null);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
  };

  return {
    httpUrl: `http://127.0.0.1:${port}`,
    output: () => output,

    start() {
      if (!existsSync(BUILT_SERVER)) {
        return Promise.reject(
          new Error(`${BUILT_SERVER} is missing: run \`npx nx run-many -t build -p api web\` first`),
        );
      }
      if (child && child.exitCode === null && child.signalCode === null) {
        return Promise.reject(new Error('the server is already running'));
      }
      const started = spawn(process.execPath, [BUILT_SERVER], {
        cwd: ROOT_DIR,
        env: {
          PATH: process.env['PATH'] ?? '',
          NO_COLOR: '1',
          LOG_LEVEL: 'log',
          ...env,
          HOST: '127.0.0.1',
          PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      exited = new Promise((resolve) => started.once('exit', (code, signal) => resolve(signal ?? code)));
      let thisRun = '';
      let listening = false;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          started.kill('SIGKILL');
          reject(new Error(`the server did not listen within ${LISTEN_TIMEOUT_MS} ms:\n${output}`));
        }, LISTEN_TIMEOUT_MS);
        const onData = (chunk: Buffer) => {
          keep(chunk);
          if (listening) return;
          thisRun += chunk.toString();
          if (thisRun.includes(`Pulse listening on http://127.0.0.1:${port}`)) {
            listening = true;
            clearTimeout(timer);
            resolve();
          }
        };
        started.stdout?.on('data', onData);
        started.stderr?.on('data', onData);
        started.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        void exited.then((how) => {
          clearTimeout(timer);
          reject(new Error(`the server exited (${how}) before it listened:\n${output}`));
        });
      });
    },

    async stop() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return exited;
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}
