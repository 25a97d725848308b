import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** What `nx affected` would run for a change to `file`, read from the real project graph. */
function affectedBy(file: string): string[] {
  const output = execFileSync(
    process.execPath,
    [
      require.resolve('nx/bin/nx', { paths: [ROOT] }),
      'show',
      'projects',
      '--affected',
      `--files=${file}`,
      '--json',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      encoding: 'utf8',
    },
  );
  return (JSON.parse(output.slice(output.indexOf('['))) as string[]).sort();
}

describe('the project graph CI relies on', () => {
  it('runs the server, SDK, gateway and web tests for a protocol change', () => {
    expect(affectedBy('libs/protocol/src/index.ts')).toEqual(
      expect.arrayContaining(['api', 'client', 'gateway', 'protocol', 'web']),
    );
  });

  it('runs only the web tests (and the generator, which writes into the web app) for a web change', () => {
    expect(affectedBy('apps/web/src/main.tsx')).toEqual(['tools', 'web']);
  });

  it('keeps the SDK change away from the server libraries', () => {
    const affected = affectedBy('libs/client/src/index.ts');
    expect(affected).toContain('client');
    expect(affected).not.toContain('gateway');
    expect(affected).not.toContain('auth');
  });
});
