import { spawn } from 'node:child_process';
import { freePort } from '@pulse/testing';
import { createConnection } from 'node:net';
import { createInterface } from 'node:readline';
import { reapOnExit } from './child-reaper';

/** A private `redis-server` for one cluster: its PID (its CPU counts as the cluster's) and its URL. */
export interface RedisProcess {
  readonly pid: number;
  readonly url: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
  });
}

/**
 * Starts `redis-server` on 127.0.0.1 and a free port, persisting nothing, pinned to `cpu` like the nodes
 * (taskset execs, so the PID is Redis's own). Never the shared Redis on 6379: a run must not disturb it, nor
 * count its other users' CPU.
 */
export async function startRedisServer(cpu: number | undefined): Promise<RedisProcess> {
  // redis-server cannot take port 0
  const port = await freePort();
  const redisArgs = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--loglevel',
    'warning',
  ];
  const [command, args] =
    cpu === undefined
      ? ['redis-server', redisArgs]
      : ['taskset', ['-c', String(cpu), 'redis-server', ...redisArgs]];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  reapOnExit(child);
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    // No PID: it never started (and may never emit 'exit').
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = performance.now() + READY_TIMEOUT_MS;
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  while (!(await answersPing(port))) {
    const why = spawnError
      ? `cannot start redis-server (apt-get install redis-server): ${spawnError.message}`
      : child.exitCode !== null
        ? `redis-server exited with ${child.exitCode}: ${stderr.join(' ')}`
        : performance.now() > deadline
          ? `redis-server on ${port} did not answer within ${READY_TIMEOUT_MS} ms`
          : undefined;
    if (why) {
      await stop();
      throw new Error(why);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (child.pid === undefined) throw new Error('redis-server has no PID');
  return { pid: child.pid, url: `redis://127.0.0.1:${port}`, stop };
}
