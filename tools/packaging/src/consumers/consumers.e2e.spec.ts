import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, launchChromium } from '@pulse/testing';
import type { Browser } from 'playwright-core';
import { packAll, type PackedPackage } from '../packages/pack';
import { PUBLISHED_PACKAGES, WORKSPACE_ROOT } from '../packages/published-packages';
import { followRecipe } from './consumer-project';
import { readRecipes, type Recipe } from './docs-recipes';
import { isolatedEnv } from './isolated-env';
import { ancestorNodeModules, resolutionsIn, workspaceReferences } from './resolved-inside';
import { serve, type ServedProcess } from './served-process';
import { SocketUser } from './socket-user';

const run = promisify(execFile);

/** Each consumer's installs come from npm's cache; a cold cache fetches from the registry, hence the bound. */
const RECIPE_TIMEOUT_MS = 300_000;
const START_TIMEOUT_MS = 60_000;
const PULSE_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/apps/api/src/main.js');
const JWT_SECRET = 'consumers-test-secret-0123456789abcdef';

/** Written next to each recipe's sources before its `npx tsc`: if the declarations were missing or `any`, these would not be errors and tsc fails. */
const PAGE_TYPE_CHECKS = `import { PulseClient } from '@pulse/client';
// @ts-expect-error the options need a url and a getTicket
export const missingOptions = new PulseClient({});
export const client = new PulseClient({ url: 'ws://localhost/ws', getTicket: async () => 'ticket' });
// @ts-expect-error not a message type of the protocol
client.send('no-such-message', {});
`;
const NEST_TYPE_CHECKS = `import { OnMessage } from '@pulse/gateway';
import type { ClientMessageOf } from '@pulse/protocol';
// @ts-expect-error not a message type of the protocol
export const unknown = OnMessage('no-such-message');
// @ts-expect-error a move has no z
export const z: ClientMessageOf<'move'>['z'] = 1;
`;

function recipe(recipes: Recipe[], titleStart: string): Recipe {
  const found = recipes.find((r) => r.title.startsWith(titleStart));
  if (!found) throw new Error(`docs/extending.md has no recipe "${titleStart}..."`);
  return found;
}

function expectInstalledFromTarballs(dir: string, names: readonly string[]): void {
  for (const resolution of resolutionsIn(dir, names)) {
    expect(resolution).toEqual({
      name: resolution.name,
      symlink: false,
      inside: true,
      resolved: expect.stringMatching(/^file:.*\.tgz$/),
      link: false,
    });
    expect(resolution.resolved).not.toContain(WORKSPACE_ROOT);
  }
  expect(workspaceReferences(dir)).toEqual([]);
  expect(ancestorNodeModules(dir)).toEqual([]);
}

describe('the packages, packed and installed into projects outside the workspace (docs/extending.md, "Installing the packages")', () => {
  const recipes = readRecipes();
  let work: string;
  let packed: PackedPackage[];
  let pulse: ServedProcess | undefined;

  beforeAll(async () => {
    for (const pkg of PUBLISHED_PACKAGES) {
      if (!existsSync(join(WORKSPACE_ROOT, pkg.root, 'dist/index.js')))
        throw new Error(
          `${pkg.root}/dist is missing: run \`npx nx run-many -t build -p protocol client auth gateway\``,
        );
    }
    work = mkdtempSync(join(tmpdir(), 'pulse-consumers-'));
    mkdirSync(join(work, 'tarballs'));
    packed = await packAll(join(work, 'tarballs'), isolatedEnv());
  }, 120_000);

  afterAll(() => {
    pulse?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('works in a folder outside the workspace', () => {
    expect(work.startsWith(WORKSPACE_ROOT)).toBe(false);
  });

  it('packs each package as dist/ (ESM scope, JavaScript, declarations) and its manifest, without sources, specs or build info', () => {
    for (const { package: pkg, files } of packed) {
      expect({
        name: pkg.name,
        outside: files.filter(
          (f) => !f.startsWith('dist/') && !['package.json', 'CHANGELOG.md', 'README.md'].includes(f),
        ),
      }).toEqual({ name: pkg.name, outside: [] });
      expect(files).toEqual(
        expect.arrayContaining(['package.json', 'dist/package.json', 'dist/index.js', 'dist/index.d.ts']),
      );
      expect(files.filter((f) => /\.spec\.|tsbuildinfo|\/testing\//.test(f))).toEqual([]);
    }
  });

  describe('a Vite + TypeScript page with @pulse/client', () => {
    let dir: string;
    let preview: ServedProcess | undefined;
    let browser: Browser | undefined;
    let pulseUrl: string;

    beforeAll(
      async () => {
        dir = join(work, 'vite-page');
        mkdirSync(join(dir, 'src'), { recursive: true });
        writeFileSync(join(dir, 'src/types-are-checked.ts'), PAGE_TYPE_CHECKS);
        const [{ serveCommand }] = await Promise.all([
          followRecipe(recipe(recipes, 'A browser page'), dir, packed, RECIPE_TIMEOUT_MS),
          (async () => {
            pulse = serve(process.execPath, [PULSE_MAIN], {
              cwd: WORKSPACE_ROOT,
              env: isolatedEnv({
                NODE_ENV: 'development',
                JWT_SECRET,
                DEV_LOGIN: 'true',
                HOST: '127.0.0.1',
                PORT: '0',
                LOG_LEVEL: 'log',
              }),
              ready: /"msg":"Pulse listening on (http:\/\/[^"]+)"/,
              timeoutMs: START_TIMEOUT_MS,
            });
            pulseUrl = (await pulse.ready)[1];
          })(),
        ]);
        expect(serveCommand).toMatchObject({
          command: 'npx',
          args: ['vite', 'preview'],
          env: { PULSE_URL: expect.any(String) },
        });
        const port = await freePort();
        preview = serve(
          serveCommand.command,
          [...serveCommand.args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
          {
            cwd: dir,
            env: isolatedEnv({ ...serveCommand.env, PULSE_URL: pulseUrl }),
            ready: /Local:\s+(http:\/\/\S+)/,
            timeoutMs: START_TIMEOUT_MS,
          },
        );
        await preview.ready;
        browser = await launchChromium();
      },
      RECIPE_TIMEOUT_MS + 2 * START_TIMEOUT_MS,
    );

    afterAll(async () => {
      await browser?.close();
      preview?.stop();
    });

    it('installs @pulse/client and @pulse/protocol from their tarballs, inside the project', () => {
      expectInstalledFromTarballs(dir, ['@pulse/client', '@pulse/protocol']);
    });

    it('bundles the SDK from the project (no path of the workspace in the build)', () => {
      const assets = join(dir, 'dist/assets');
      const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts)
        expect(readFileSync(join(assets, script), 'utf8')).not.toContain(WORKSPACE_ROOT);
    });

    it('logs in, connects and plays a move against a running Pulse, in Chromium, under a CSP without eval', async () => {
      const room = 'npm-consumer';
      const bob = await SocketUser.open(pulseUrl, 'bob');
      try {
        bob.send({ type: 'join', room });
        await bob.next((f) => f.type === 'snapshot' && f['room'] === room);
        const page = await (browser as Browser).newPage();
        const problems: string[] = [];
        const missing: string[] = [];
        page.on('response', (response) => {
          if (response.status() >= 400) missing.push(new URL(response.url()).pathname);
        });
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) =>
            console.error(`CSP violation: ${event.violatedDirective}`),
          );
        });
        const pageUrl = (preview as ServedProcess).ready.then((match) => match[1]);
        await page.goto(await pageUrl);
        await page
          .waitForFunction(
            () => /^(moved|failed)/.test(document.querySelector('#status')?.textContent ?? ''),
            undefined,
            { timeout: 30_000 },
          )
          .catch(async (error: unknown) => {
            const status = await page.textContent('#status');
            throw new Error(
              `${String(error)}\nstatus: ${status}\n${problems.join('\n')}\npreview:\n${preview?.output()}\npulse:\n${pulse?.output().slice(-4000)}`,
            );
          });
        expect(await page.textContent('#status')).toBe('moved to 3,4 in npm-consumer');
        await expect(bob.next((f) => f.type === 'move' && f['room'] === room)).resolves.toMatchObject({
          player: 'alice',
          x: 3,
          y: 4,
        });
        expect(missing).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        bob.close();
      }
    });
  });

  describe('a NestJS 12 app with @pulse/gateway and a @PulseGateway() of its own', () => {
    let dir: string;
    let app: ServedProcess | undefined;
    let appUrl: string;

    beforeAll(async () => {
      dir = join(work, 'nest-app');
      mkdirSync(join(dir, 'src'), { recursive: true });
      writeFileSync(join(dir, 'src/types-are-checked.ts'), NEST_TYPE_CHECKS);
      const { serveCommand } = await followRecipe(
        recipe(recipes, 'A NestJS 12 service'),
        dir,
        packed,
        RECIPE_TIMEOUT_MS,
      );
      expect(serveCommand).toMatchObject({
        command: 'node',
        args: ['dist/main.js'],
        env: { JWT_SECRET: expect.any(String) },
      });
      app = serve(serveCommand.command, serveCommand.args, {
        cwd: dir,
        env: isolatedEnv({ ...serveCommand.env, HOST: '127.0.0.1', PORT: '0' }),
        ready: /listening on (http:\/\/\S+)/,
        timeoutMs: START_TIMEOUT_MS,
      });
      appUrl = (await app.ready)[1];
    }, RECIPE_TIMEOUT_MS + START_TIMEOUT_MS);

    afterAll(() => app?.stop());

    it('installs the four packages from their tarballs, inside the project', () => {
      expectInstalledFromTarballs(dir, ['@pulse/gateway', '@pulse/auth', '@pulse/protocol']);
    });

    it('loads them from the project, as an ES module and through require() as a CommonJS Nest app would', async () => {
      const env = isolatedEnv();
      const esm = await run(
        process.execPath,
        ['--input-type=module', '-e', "console.log(import.meta.resolve('@pulse/gateway'))"],
        { cwd: dir, env },
      );
      expect(esm.stdout.trim()).toBe(`file://${join(dir, 'node_modules/@pulse/gateway/dist/index.js')}`);
      const cjs = await run(
        process.execPath,
        [
          '-e',
          "require('reflect-metadata'); const g = require('@pulse/gateway'); console.log(typeof g.PulseGatewayModule, typeof g.PulseGateway, require.resolve('@pulse/auth'))",
        ],
        { cwd: dir, env },
      );
      expect(cjs.stdout.trim()).toBe(
        `function function ${join(dir, 'node_modules/@pulse/auth/dist/index.js')}`,
      );
    });

    it("serves its own gateway: a ticketed socket's move is answered by it, a ping by the kit", async () => {
      const alice = await SocketUser.open(appUrl, 'alice');
      try {
        alice.send({ type: 'move', room: 'table-1', x: 5, y: 6 });
        await expect(alice.next((f) => f.type === 'move')).resolves.toEqual({
          type: 'move',
          room: 'table-1',
          player: 'alice',
          x: 5,
          y: 6,
          seq: 1,
        });
        alice.send({ type: 'ping', t: 7 });
        await expect(alice.next((f) => f.type === 'pong')).resolves.toMatchObject({ t: 7 });
      } finally {
        alice.close();
      }
    });

    it('refuses an upgrade without a ticket, or with a used one, with a 401 before the 101, as Pulse does', async () => {
      await expect(SocketUser.refusal(appUrl, '')).resolves.toBe(401);
      await expect(SocketUser.refusal(appUrl, '?ticket=not-a-ticket')).resolves.toBe(401);
    });
  });
});
