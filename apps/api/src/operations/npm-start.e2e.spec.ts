import { existsSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { devLogin, ticketsThrough } from '../testing/resuming-client';
import {
  acceptsConnections,
  isRunning,
  killGroup,
  processGroupOf,
  startServerProcess,
  type ServerProcess,
} from '../testing/server-process';
import { waitFor } from '../testing/wait-for';
import { cloneWorkspace } from '../testing/workspace-clone';

/** The first start builds the api and the web app from scratch, on a machine busy with other tests. */
const FIRST_START_TIMEOUT_MS = 300_000;
const START_TIMEOUT_MS = 120_000;
/** Longer than nx's kill grace (5 s), which cut the drain when `npm start` ran the server under nx. */
const DRAIN_TIMEOUT_MS = 6_000;

/** A socket upgraded to /ws that then never reads nor answers the server's close frame: the drain waits for it. */
function openSilentSocket(port: number, ticket: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `GET /ws?ticket=${ticket} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade answered ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
  });
}

describe('npm start (the README first command): builds, then the server itself gets the signals', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  const silent: Socket[] = [];

  const npmStart = (listenTimeoutMs: number): ServerProcess =>
    startServerProcess('npm', ['start'], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? dir,
        CI: 'true',
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'log',
        DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
      },
      listenTimeoutMs,
    });

  beforeAll(() => {
    dir = cloneWorkspace('pulse-npm-start-');
  });

  afterEach(() => {
    for (const socket of silent.splice(0)) socket.destroy();
    if (server) killGroup(server.child);
    server = undefined;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "SIGTERM to npm reaches the server in npm's own process group: it drains until DRAIN_TIMEOUT_MS, then npm exits 0",
    async () => {
      server = npmStart(FIRST_START_TIMEOUT_MS);
      const { url, port, pid } = await server.listening;
      expect(existsSync(join(dir, 'dist/apps/api/apps/api/src/main.js'))).toBe(true);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${url}/`)).text()).toContain('<div id="root">');
      expect(processGroupOf(pid)).toBe(server.child.pid);
      silent.push(await openSilentSocket(port, await ticketsThrough(url, await devLogin(url, 'alice'))()));

      server.child.kill('SIGTERM');
      await expect(server.exited).resolves.toBe(0);
      expect(isRunning(pid)).toBe(false);
      // It waited for the silent client until the deadline (past nx's 5 s), and was not cut off before it.
      expect(server.output()).toMatch(
        /"msg":"1 connection\(s\) open and 0 message\(s\) in flight at the drain deadline"/,
      );
    },
    FIRST_START_TIMEOUT_MS + DRAIN_TIMEOUT_MS + 20_000,
  );

  it(
    "SIGKILL to npm start's process group leaves no process behind and the port free",
    async () => {
      server = npmStart(START_TIMEOUT_MS);
      const { port, pid } = await server.listening;
      expect(await acceptsConnections(port)).toBe(true);

      const group = server.child.pid;
      if (group === undefined) throw new Error('npm start did not spawn');
      process.kill(-group, 'SIGKILL');
      await expect(server.exited).resolves.toBe('SIGKILL');
      await waitFor(async () => !isRunning(pid), `the server (pid ${pid}) to be gone`, 5_000);
      expect(await acceptsConnections(port)).toBe(false);
    },
    START_TIMEOUT_MS + 20_000,
  );
});
