import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { devLogin, ticketsThrough } from '../testing/resuming-client';
import { isRunning, killGroup, startServerProcess, type ServerProcess } from '../testing/server-process';
import { TestClient } from '../testing/test-client';

const ROOT = join(__dirname, '../../../..');
const run = promisify(execFile);

/** What the production path copies next to each other (docs/operations.md, the Dockerfile's runtime stage). */
const PRODUCTION_FILES = ['package.json', 'package-lock.json', 'dist/apps/api', 'dist/apps/web'];
/** How it installs the runtime dependencies: from the lock file, without devDependencies. */
const INSTALL = ['npm', 'ci', '--omit=dev', '--no-audit', '--no-fund'];
const INSTALL_TIMEOUT_MS = 480_000;
const LISTEN_TIMEOUT_MS = 30_000;
const JWT_SECRET = 'production-install-test-secret-0123456789';

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface DockerInstruction {
  readonly keyword: string;
  readonly args: string;
}

/** The Dockerfile's stages, each a list of instructions (continuation lines joined, comments dropped). */
function dockerStages(text: string): DockerInstruction[][] {
  const stages: DockerInstruction[][] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  return stages;
}

/** `["node", "x.js"]` or `node x.js` as the command line it runs; RUN's own `--mount=...` flags dropped. */
function commandOf(args: string): string {
  if (args.startsWith('[')) return (JSON.parse(args) as string[]).join(' ');
  return args.replace(/^(--\S+\s+)+/, '');
}

describe('the production path: built output + npm ci --omit=dev, started with node (docs/operations.md, Dockerfile)', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    for (const file of PRODUCTION_FILES) {
      if (!existsSync(join(ROOT, file)))
        throw new Error(`${file} is missing: run \`npx nx run-many -t build -p api web\` first`);
    }
    dir = mkdtempSync(join(tmpdir(), 'pulse-production-'));
    for (const file of PRODUCTION_FILES) cpSync(join(ROOT, file), join(dir, file), { recursive: true });
    // npm's cache (already filled by the workspace's own `npm ci`) makes this an unpack, not a download.
    await run(INSTALL[0], INSTALL.slice(1), {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? dir },
      timeout: INSTALL_TIMEOUT_MS,
    });
  }, INSTALL_TIMEOUT_MS + 10_000);

  afterEach(() => {
    if (server) killGroup(server.child);
    server = undefined;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs the runtime dependencies only: none of the web app, the build or the test tools', () => {
    for (const name of Object.keys(rootPackage.dependencies))
      expect(existsSync(join(dir, 'node_modules', name))).toBe(true);
    for (const name of [
      'react',
      'react-dom',
      'socket.io-client',
      'vite',
      'nx',
      '@swc/core',
      'jest',
      'pino-pretty',
    ]) {
      expect({ name, installed: existsSync(join(dir, 'node_modules', name)) }).toEqual({
        name,
        installed: false,
      });
    }
  });

  it('installs typescript only as the optional peer of @nestjs/swagger 12 (npm installs optional peers the lockfile holds)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { devOptional?: boolean }>;
    };
    expect(lock.packages['node_modules/typescript']?.devOptional).toBe(true);
    expect(
      Object.keys(
        (
          JSON.parse(readFileSync(join(dir, 'node_modules/@nestjs/swagger/package.json'), 'utf8')) as {
            peerDependencies: object;
          }
        ).peerDependencies,
      ),
    ).toContain('typescript');
  });

  it('serves health, readiness, the web app, a login and a socket, then drains on SIGTERM and exits 0', async () => {
    server = startServerProcess('npm', ['run', 'start:prod'], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? dir,
        NODE_ENV: 'production',
        JWT_SECRET,
        DEV_LOGIN: 'true',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'log',
      },
      listenTimeoutMs: LISTEN_TIMEOUT_MS,
    });
    const { url, pid } = await server.listening;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${url}/`)).text()).toContain('<div id="root">');
    const accessToken = await devLogin(url, 'alice');
    const ticket = await ticketsThrough(url, accessToken)();
    const client = await TestClient.open(`${url.replace('http', 'ws')}/ws?ticket=${ticket}`);
    client.send({ type: 'ping', t: 7 });
    await expect(client.next('pong')).resolves.toMatchObject({ t: 7 });

    server.child.kill('SIGTERM');
    await expect(client.closed).resolves.toMatchObject({ code: 1012 });
    await expect(server.exited).resolves.toBe(0);
    expect(isRunning(pid)).toBe(false);
    expect(server.output()).toContain('SIGTERM: draining, then stopping');
  });

  describe('the Dockerfile follows these steps', () => {
    const stages = dockerStages(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    const runtime = stages[stages.length - 1];
    const build = stages[0];
    const of = (stage: DockerInstruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);

    it('builds in a stage of its own, with what `npm start` builds', () => {
      expect(stages.length).toBeGreaterThanOrEqual(2);
      const buildCommand = rootPackage.scripts['start'].split(' && exec ')[0];
      expect(of(build, 'RUN').map((i) => commandOf(i.args))).toEqual([
        'npm ci --no-audit --no-fund',
        `npx ${buildCommand}`,
      ]);
    });

    it('copies the files this test copies, installs as it does, starts as `npm run start:prod` does', () => {
      const copied = of(runtime, 'COPY').flatMap((i) => {
        const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
        const destination = parts.pop() ?? '';
        return destination === './' ? parts : [destination];
      });
      expect(copied.sort()).toEqual([...PRODUCTION_FILES].sort());
      expect(of(runtime, 'RUN').map((i) => commandOf(i.args))).toContain(INSTALL.join(' '));
      expect(of(runtime, 'CMD').map((i) => commandOf(i.args))).toEqual([
        rootPackage.scripts['start:prod'].replace(/^exec /, ''),
      ]);
    });

    it('runs as a non-root user under an init process that forwards signals', () => {
      const users = of(runtime, 'USER').map((i) => i.args);
      expect(users.length).toBeGreaterThan(0);
      expect(['root', '0']).not.toContain(users[users.length - 1]);
      expect(of(runtime, 'ENTRYPOINT').map((i) => commandOf(i.args))).toEqual(['/usr/bin/tini --']);
      expect(
        of(runtime, 'RUN')
          .map((i) => i.args)
          .join('\n'),
      ).toMatch(/apt-get install .*\btini\b/);
      expect(of(runtime, 'ENV').map((i) => i.args)).toContain('NODE_ENV=production');
    });
  });
});
