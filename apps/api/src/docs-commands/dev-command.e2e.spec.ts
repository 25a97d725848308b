import { rmSync } from 'node:fs';
import { freePort } from '@pulse/testing';
import { waitFor } from '../testing/wait-for';
import { cloneWorkspace } from '../testing/workspace-clone';
import { commandsFor } from './doc-commands';
import { descendants, isRunning, runShell } from './shell-command';

/**
 * `npm run dev` and `LOG_FORMAT=pretty npm run dev` as the docs write them, in a clone of the workspace (the API's
 * serve target builds it first, which must not rewrite the dist/ other tests run from), on free ports: the web app
 * comes from Vite, the API answers through Vite's proxy, and Ctrl-C (SIGINT to the process group) stops everything.
 */

const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 30_000;

async function get(url: string): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  } catch {
    return { status: 0, text: '' };
  }
}

const commands = commandsFor('dev');

describe('the documented dev command', () => {
  let dir: string;

  beforeAll(() => {
    dir = cloneWorkspace('pulse-dev-');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is found in the docs, plain and with the pretty log format', () => {
    expect(commands.map((command) => command.text).sort()).toEqual([
      'LOG_FORMAT=pretty npm run dev',
      'npm run dev',
    ]);
  });

  it.each(commands.map((command) => [command.text] as const))(
    '%s: serves the web app and proxies the API, then Ctrl-C stops every process it started',
    async (text) => {
      const [apiPort, webPort] = [await freePort(), await freePort()];
      const dev = runShell(
        text,
        {
          CI: 'true',
          NX_DAEMON: 'false',
          NX_NO_CLOUD: 'true',
          NX_TUI: 'false',
          PORT: String(apiPort),
          HOST: '127.0.0.1',
          PULSE_API_URL: `http://127.0.0.1:${apiPort}`,
          PULSE_WEB_PORT: String(webPort),
          PULSE_WEB_HOST: '127.0.0.1',
        },
        dir,
      );
      const pid = dev.child.pid ?? -1;
      let exited = false;
      void dev.exited.then(() => (exited = true));
      let tree: ReturnType<typeof descendants> = [];
      try {
        await waitFor(
          async () => {
            if (exited) throw new Error(`${text} exited before it served:\n${dev.output()}`);
            return (await get(`http://127.0.0.1:${webPort}/healthz`)).status === 200;
          },
          `the API's /healthz through Vite on ${webPort}`,
          START_TIMEOUT_MS,
        );
        const page = await get(`http://127.0.0.1:${webPort}/`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('<div id="root"></div>');
        expect(page.text).toContain('/@vite/client');
        if (text.startsWith('LOG_FORMAT=pretty')) {
          await waitFor(
            async () => / INFO[: ]| INFO \(/.test(dev.output()),
            'a pretty log line',
            START_TIMEOUT_MS,
          );
          expect(dev.output()).not.toMatch(/^\{"level":/m);
        }

        tree = descendants(pid);
        expect(tree.some((info) => info.command.includes('dist/apps/api/apps/api/src/main.js'))).toBe(true);
        process.kill(-pid, 'SIGINT');
        await waitFor(async () => exited, `${text} to exit after Ctrl-C`, STOP_TIMEOUT_MS);
        await waitFor(
          async () => tree.every((info) => !isRunning(info.pid)),
          `every process of ${text} to be gone`,
          STOP_TIMEOUT_MS,
        );
        expect((await get(`http://127.0.0.1:${webPort}/`)).status).toBe(0);
        expect((await get(`http://127.0.0.1:${apiPort}/healthz`)).status).toBe(0);
      } finally {
        if (!exited) process.kill(-pid, 'SIGKILL');
        for (const info of tree) if (isRunning(info.pid)) process.kill(info.pid, 'SIGKILL');
      }
    },
    START_TIMEOUT_MS + 2 * STOP_TIMEOUT_MS,
  );
});
