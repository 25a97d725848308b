import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

const WORKSPACE = resolve(__dirname, '../../../..');
/** Never copied: installed packages, outputs, caches and history. */
const SKIPPED = new Set(['node_modules', 'dist', '.nx', 'tmp', '.git', 'test-results', 'coverage']);
const FEATURE = 'demo-thing';

interface Run {
  readonly command: string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in the copy; rejects with its output when it fails. */
function run(cwd: string, file: string, args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_INTERACTIVE: 'false',
    FORCE_COLOR: '0',
    CI: 'true',
  };
  delete env['JEST_WORKER_ID'];
  const command = [file, ...args].join(' ');
  return new Promise((done, fail) => {
    execFile(file, [...args], { cwd, env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${command} (in ${cwd}) failed:\n${stdout}\n${stderr}`));
      else done({ command, stdout, stderr });
    });
  });
}

/** Runs a package's script from the copy's `node_modules` (no npx lookup), in `cwd`. */
const node = (copy: string, cwd: string, script: string, ...args: string[]) =>
  run(cwd, process.execPath, [join(copy, 'node_modules', script), ...args]);

/**
 * A copy of the workspace's sources in a temporary directory, with a `node_modules` of links to this workspace's
 * packages, except its own `@pulse/*` links, which point into the copy (as npm would link them there).
 */
function copyWorkspace(): string {
  const copy = mkdtempSync(join(tmpdir(), 'pulse-feature-'));
  for (const entry of readdirSync(WORKSPACE)) {
    if (SKIPPED.has(entry)) continue;
    cpSync(join(WORKSPACE, entry), join(copy, entry), {
      recursive: true,
      filter: (path) => !path.split(sep).some((part) => part === 'node_modules' || part === '.nx'),
    });
  }
  const modules = join(WORKSPACE, 'node_modules');
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(modules)) {
    if (entry === '.cache') continue;
    if (entry === '@pulse') {
      mkdirSync(join(copy, 'node_modules', entry));
      for (const link of readdirSync(join(modules, entry)))
        symlinkSync(readlinkSync(join(modules, entry, link)), join(copy, 'node_modules', entry, link));
    } else symlinkSync(join(modules, entry), join(copy, 'node_modules', entry));
  }
  return copy;
}

/** Removes the copy: unlinks the package links first, so nothing of this workspace is ever followed. */
function removeCopy(copy: string): void {
  const modules = join(copy, 'node_modules');
  if (existsSync(join(modules, '@pulse'))) {
    for (const link of readdirSync(join(modules, '@pulse'))) unlinkSync(join(modules, '@pulse', link));
  }
  for (const entry of readdirSync(modules)) if (entry !== '@pulse') unlinkSync(join(modules, entry));
  rmSync(copy, { recursive: true, force: true });
}

/**
 * The generator as a user runs it (`npx nx g @pulse/tools:feature`), in a copy of this workspace: what it writes
 * must type-check, lint and pass its own tests untouched, and the protocol's own type test must still pass.
 */
describe('feature generator in a copy of the workspace', () => {
  let copy: string;

  beforeAll(() => {
    copy = copyWorkspace();
  });

  afterAll(() => {
    if (copy) removeCopy(copy);
  });

  it(`adds "${FEATURE}" with nx g, and it type-checks, lints and passes its tests`, async () => {
    const generated = await run(copy, 'npx', [
      'nx',
      'g',
      '@pulse/tools:feature',
      FEATURE,
      '--no-interactive',
    ]);
    expect(generated.stdout).toContain(`CREATE apps/api/src/${FEATURE}/${FEATURE}.gateway.ts`);
    expect(generated.stdout).toContain('UPDATE libs/protocol/src/lib/registry.ts');
    expect(readFileSync(join(copy, 'apps/api/src/app.module.ts'), 'utf-8')).toContain('DemoThingModule,');

    // api and protocol in one program: both tsconfigs are the base one with jest and node types over their src.
    writeFileSync(
      join(copy, 'tsconfig.feature.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: { types: ['jest', 'node'] },
        include: ['apps/api/src/**/*.ts', 'libs/protocol/src/**/*.ts'],
      }),
    );
    // Only the web files the feature adds, with the web app's compiler options.
    writeFileSync(
      join(copy, 'apps/web/tsconfig.feature.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: [`src/realtime/use-${FEATURE}.ts`, `src/realtime/use-${FEATURE}.spec.ts`],
      }),
    );
    const [tsc, jest, eslint] = ['typescript/bin/tsc', 'jest/bin/jest.js', 'eslint/bin/eslint.js'];
    // Two lanes (small machines have two CPUs): the big type check, and everything else.
    await Promise.all([
      node(copy, copy, tsc, '-p', 'tsconfig.feature.json', '--noEmit'),
      (async () => {
        await node(copy, copy, tsc, '-p', 'apps/web/tsconfig.feature.json', '--noEmit');
        const projects = [
          'apps/api/jest.config.ts',
          'apps/web/jest.config.ts',
          'libs/protocol/jest.config.ts',
        ];
        const tests = await node(
          copy,
          copy,
          jest,
          '--projects',
          ...projects,
          '--testPathPatterns',
          `(/${FEATURE}/|use-${FEATURE}\\.spec|registry\\.types\\.spec)`,
        );
        for (const spec of [`${FEATURE}.e2e.spec.ts`, `use-${FEATURE}.spec.ts`, 'registry.types.spec.ts'])
          expect(tests.stderr).toMatch(new RegExp(`PASS .*${spec}`));
        await node(copy, join(copy, 'apps/api'), eslint, `src/${FEATURE}`, 'src/app.module.ts');
        await node(
          copy,
          join(copy, 'apps/web'),
          eslint,
          `src/realtime/use-${FEATURE}.ts`,
          `src/realtime/use-${FEATURE}.spec.ts`,
        );
        await node(
          copy,
          join(copy, 'libs/protocol'),
          eslint,
          `src/lib/messages/${FEATURE}.messages.ts`,
          'src/lib/registry.ts',
          'src/index.ts',
        );
        // What the generator wrote passes npm test's format check as it is.
        await node(
          copy,
          copy,
          'prettier/bin/prettier.cjs',
          '--check',
          `apps/api/src/${FEATURE}`,
          'apps/api/src/app.module.ts',
          `apps/web/src/realtime/use-${FEATURE}.ts`,
          `apps/web/src/realtime/use-${FEATURE}.spec.ts`,
          'libs/protocol/src',
        );
      })(),
    ]);
  }, 240_000);
});
