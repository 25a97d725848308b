import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestClient, upgradeStatus } from './testing/test-client';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

function startBuiltServer(env: Record<string, string>): {
  child: ChildProcess;
  url: Promise<string>;
  output: () => string;
} {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Pulse listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What `npm start` runs: the built server, as a real process. Needs `nx build api` and `nx build web` first. */
describe('the built server (npm start)', () => {
  it('was built', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('serves the web app, the API and health on one port, logs JSON lines, and stops cleanly on SIGTERM', async () => {
    const server = startBuiltServer({ LOG_LEVEL: 'log' });
    try {
      const url = await server.url;
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const login = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'pulse' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await stop(server.child);
    }
    expect(server.child.exitCode ?? 0).toBe(0);
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toContainEqual(
      expect.objectContaining({ level: 'info', msg: 'POST /auth/login 200' }),
    );
  });

  it('drains on SIGTERM: refuses new sockets, closes clients with 1012 and a retry hint, exits 0', async () => {
    const server = startBuiltServer({ LOG_LEVEL: 'log', DRAIN_TIMEOUT_MS: '3000' });
    const url = await server.url.catch(async () => {
      throw new Error(server.output());
    });
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password: 'pulse' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const ticket = async () =>
      (
        (await (
          await fetch(`${url}/auth/ticket`, {
            method: 'POST',
            headers: { authorization: `Bearer ${accessToken}` },
          })
        ).json()) as { ticket: string }
      ).ticket;
    const wsUrl = url.replace('http', 'ws') + '/ws';
    const client = await TestClient.open(`${wsUrl}?ticket=${await ticket()}`);
    const spare = await ticket();
    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    const closed = await client.closed;
    expect(closed.code).toBe(1012);
    expect(closed.reason).toMatch(/^retry-after-ms=\d+$/);
    // Refused while draining (503), or the process already exited (connection reset): never a 101.
    const late = await upgradeStatus(`${wsUrl}?ticket=${spare}`).catch((error: Error) => error.message);
    expect(late === 503 || /ECONNRESET|ECONNREFUSED|socket hang up/.test(String(late))).toBe(true);
    await expect(exited).resolves.toBe(0);
  });

  it('refuses to boot on a bad variable, naming it', async () => {
    const server = startBuiltServer({ PORT: 'not-a-port' });
    await expect(server.url).rejects.toThrow(/PORT/);
    expect(server.child.exitCode).toBe(78);
  });
});
