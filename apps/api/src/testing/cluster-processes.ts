import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
/** The built server, as `npm start` runs it (`nx build api` makes it). */
export const BUILT_SERVER = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

const LISTEN_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5000;
const KEPT_OUTPUT_CHARS = 20_000;

export interface NodeProcessEnv {
  /** Unset: the node keeps everything in memory, as `npm start` does. */
  readonly REDIS_URL?: string;
  /** Shared by every node, so a token or ticket from one is good on all. */
  readonly JWT_SECRET: string;
  readonly HEARTBEAT_INTERVAL_MS?: string;
  readonly PRESENCE_TTL_MS?: string;
  readonly [name: string]: string | undefined;
}

export interface NodeProcess {
  /** `http://127.0.0.1:PORT` */
  readonly httpUrl: string;
  /** `127.0.0.1:PORT`, as an nginx upstream line wants it. */
  readonly address: string;
  readonly pid: number;
  /** The tail of what the node logged (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM by PID and wait; SIGKILL if it is still running after a few seconds. */
  stop(): Promise<void>;
  /** SIGKILL by PID, as a crash would: no shutdown hooks, no goodbye to Redis or clients. */
  kill(): Promise<void>;
}

export interface StartNodeOptions {
  /** Each line the node logs, as it comes (the cluster script echoes them). */
  readonly onLine?: (line: string) => void;
  /**
   * The port to listen on; 0 (the default) lets the OS pick. A restart test sets it, so a replacement comes back
   * where nginx's upstream points.
   */
  readonly port?: number;
}

/**
 * One built Pulse server as a real process on 127.0.0.1 and a port the OS picks (PORT=0), resolved once it
 * logs that it listens. Needs `nx build api` (and `nx build web` for `/`).
 */
export function startNode(env: NodeProcessEnv, options: StartNodeOptions = {}): Promise<NodeProcess> {
  if (!existsSync(BUILT_SERVER)) {
    return Promise.reject(
      new Error(`${BUILT_SERVER} is missing: run \`npx nx run-many -t build -p api web\` first`),
    );
  }
  const child = spawn(process.execPath, [BUILT_SERVER], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      TRUSTED_PROXIES: '127.0.0.1',
      ...env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      NO_COLOR: '1',
      LOG_LEVEL: 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partial = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );

  return new Promise<NodeProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node did not log "Pulse listening on" within ${LISTEN_TIMEOUT_MS} ms:\n${output}`));
    }, LISTEN_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-KEPT_OUTPUT_CHARS);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        options.onLine?.(line);
        const match = /Pulse listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(handle(child, Number(match[1]), () => output, exited));
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`node exited (${how}) before it listened:\n${output}`));
    });
  });
}

/** `count` nodes started together; if one fails to start, the others are stopped. */
export async function startNodes(
  count: number,
  env: NodeProcessEnv,
  options: StartNodeOptions = {},
): Promise<NodeProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startNode(env, options)));
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw failure.reason;
  }
  return nodes;
}

function handle(
  child: ChildProcess,
  port: number,
  output: () => string,
  exited: NodeProcess['exited'],
): NodeProcess {
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    output,
    exited,
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
