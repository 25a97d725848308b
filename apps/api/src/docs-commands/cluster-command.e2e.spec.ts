import { randomBytes } from 'node:crypto';
import { freePort, startRedisServer } from '@pulse/testing';
import { waitFor } from '../testing/wait-for';
import { commandsFor, type DocCommand } from './doc-commands';
import { descendants, isRunning, runShell } from './shell-command';

/**
 * Every `npm run cluster` / `node -r @swc-node/register tools/scripts/cluster.ts` line in the docs, run as written
 * with three changes a test needs: the port is a free one instead of 8080/9000, `[--optional]` placeholders are
 * dropped, and `REDIS_URL=... JWT_SECRET=...` point at a redis-server this test starts. Each must answer /healthz
 * through nginx, run the number of nodes it asks for, and leave no process behind when stopped.
 */

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const TEST_TIMEOUT_MS = 120_000;
const DEFAULT_NODES = 3;

interface Prepared {
  readonly text: string;
  readonly nodes: number;
  readonly ownRedis: boolean;
}

function prepare(command: DocCommand, port: number, redisUrl: string): Prepared {
  let text = command.text.replace(/\s*\[[^\]]*\]/g, '');
  if (/--port \d+/.test(text)) text = text.replace(/--port \d+/, `--port ${port}`);
  else if (/\bnpm run /.test(text) && !/ -- /.test(text)) text += ` -- --port ${port}`;
  else text += ` --port ${port}`;
  const ownRedis = !/\bREDIS_URL=/.test(text);
  text = text
    .replace(/\bREDIS_URL=\S+/, `REDIS_URL=${redisUrl}`)
    .replace(/\bJWT_SECRET=\S+/, `JWT_SECRET=${randomBytes(32).toString('base64url')}`);
  const nodes = Number(/--nodes (\d+)/.exec(text)?.[1] ?? DEFAULT_NODES);
  return { text, nodes, ownRedis };
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

const commands = commandsFor('cluster');

describe('the documented cluster commands', () => {
  it('are found in the docs (the npm script and the node -r form)', () => {
    const texts = commands.map((command) => command.text);
    expect(texts).toContain('npm run cluster');
    expect(texts.some((text) => text.startsWith('node -r @swc-node/register tools/scripts/cluster.ts'))).toBe(
      true,
    );
  });

  // Ctrl-C in a terminal is SIGINT to the foreground process group; a supervisor sends SIGTERM to the one process
  // it started (here npm itself: the shell execs it). `npm run cluster` gets the second, the other forms the first.
  it.each(
    commands.map(
      (command) =>
        [command.text, command, command.text === 'npm run cluster' ? 'SIGTERM' : 'SIGINT'] as const,
    ),
  )(
    '%s: healthy through nginx, then stopped with everything it started',
    async (_text, command, signal) => {
      const port = await freePort();
      const externalRedis = /\bREDIS_URL=/.test(command.text) ? await startRedisServer() : undefined;
      const prepared = prepare(command, port, externalRedis?.url ?? '');
      const cluster = runShell(signal === 'SIGTERM' ? `exec ${prepared.text}` : prepared.text);
      const pid = cluster.child.pid ?? -1;
      let tree: ReturnType<typeof descendants> = [];
      let exited = false;
      void cluster.exited.then(() => (exited = true));
      try {
        await waitFor(
          async () => {
            if (exited)
              throw new Error(`${prepared.text} exited before it was healthy:\n${cluster.output()}`);
            return (await status(`http://127.0.0.1:${port}/healthz`)) === 200;
          },
          `/healthz through nginx on ${port}`,
          START_TIMEOUT_MS,
        );
        // nginx answers a moment before the script prints what it started.
        await waitFor(
          async () => cluster.output().includes('Ctrl-C stops everything'),
          'the cluster to print its URLs',
          START_TIMEOUT_MS,
        );
        expect(cluster.output()).toContain(`Pulse cluster on http://127.0.0.1:${port}`);
        expect(await status(`http://127.0.0.1:${port}/readyz`)).toBe(200);

        tree = descendants(pid);
        const commandsRunning = tree.map((info) => info.command);
        expect(
          commandsRunning.filter((line) => line.includes('dist/apps/api/apps/api/src/main.js')),
        ).toHaveLength(prepared.nodes);
        expect(commandsRunning.some((line) => line.startsWith('nginx: master process'))).toBe(true);
        expect(commandsRunning.some((line) => line.startsWith('redis-server'))).toBe(prepared.ownRedis);

        process.kill(signal === 'SIGINT' ? -pid : pid, signal);
        await waitFor(async () => exited, `${prepared.text} to exit after ${signal}`, STOP_TIMEOUT_MS);
        await waitFor(
          async () => tree.every((info) => !isRunning(info.pid)),
          `every process of ${prepared.text} to be gone`,
          STOP_TIMEOUT_MS,
        );
        expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(0);
        expect(cluster.output()).toContain(`${signal}: stopping nginx, ${prepared.nodes} node(s)`);
        if (externalRedis) expect(isRunning(externalRedis.pid)).toBe(true);
      } finally {
        if (!exited) process.kill(-pid, 'SIGKILL');
        for (const info of tree) if (isRunning(info.pid)) process.kill(info.pid, 'SIGKILL');
        await externalRedis?.stop();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
