import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { PUBLISHED_PACKAGES, WORKSPACE_ROOT } from '../packages/published-packages';

const nx = require.resolve('nx/bin/nx', { paths: [WORKSPACE_ROOT] });
const git = (...args: string[]) => execFileSync('git', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8' });

/** What a release would change: the manifests, the changelogs, the lock file, the commit and the tags. */
function releaseState(): Record<string, string> {
  const state: Record<string, string> = { head: git('rev-parse', 'HEAD'), tags: git('tag', '--list') };
  for (const file of [
    'package-lock.json',
    ...PUBLISHED_PACKAGES.flatMap((p) => [`${p.root}/package.json`, `${p.root}/CHANGELOG.md`]),
  ]) {
    const path = join(WORKSPACE_ROOT, file);
    state[file] = existsSync(path) ? readFileSync(path, 'utf8') : '(none)';
  }
  return state;
}

describe('nx release --dry-run (nx.json "release")', () => {
  const current = (
    JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'libs/protocol/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const [major, minor] = current.split('.').map(Number);
  const next = `${major}.${minor + 1}.0`;
  let before: Record<string, string>;
  let output: string;

  beforeAll(() => {
    before = releaseState();
    const release = spawnSync(
      process.execPath,
      [nx, 'release', next, '--dry-run', '--skip-publish', '--first-release'],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          ...process.env,
          NX_DAEMON: 'false',
          NX_NO_CLOUD: 'true',
          NX_TUI: 'false',
          NX_INTERACTIVE: 'false',
        },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 240_000,
      },
    );
    // Nx colours its output when the run that started this test does (FORCE_COLOR); the text is what is checked.
    output = stripVTControlCharacters(`${release.stdout}\n${release.stderr}`);
    if (release.status !== 0)
      throw new Error(`nx release exited ${release.status ?? release.signal}:\n${output}`);
  }, 250_000);

  it('gives the four packages one version, and moves their dependencies on each other with it', () => {
    for (const pkg of PUBLISHED_PACKAGES)
      expect(output).toContain(`New version ${next} written to manifest: ${pkg.root}/package.json`);
    expect(output).toContain('gateway ✍️  Updated 2 dependencies in manifest: libs/gateway/package.json');
    expect(output).toMatch(
      new RegExp(`-\\s+"@pulse/protocol": "${current}",\\n\\+\\s+"@pulse/protocol": "${next}"`),
    );
  });

  it('previews a changelog entry for each, under the shared tag', () => {
    for (const pkg of PUBLISHED_PACKAGES)
      expect(output).toContain(`Previewing an entry in ${pkg.root}/CHANGELOG.md for packages-v${next}`);
    expect(output).toContain(`## ${next} (`);
  });

  it('publishes nothing and changes no file, commit or tag', () => {
    expect(output).toContain('Skipped publishing packages.');
    expect(output).toContain('NOTE: The "dryRun" flag means no changes were made.');
    expect(releaseState()).toEqual(before);
  });
});
