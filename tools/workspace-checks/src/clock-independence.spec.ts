import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const JEST = require.resolve('jest/bin/jest', { paths: [ROOT] });

/**
 * The parts of the suite whose outcome could follow the clock: everything that formats, logs, signs or expires
 * (the specs of every library and the web app, and the server's logging, security and config specs, which run
 * the real app in-process). Spawned server processes keep the real clock, and so does Redis: the store contract
 * suites, which compare the process's clock with Redis', are left out (a node's clock is not hours off its Redis'),
 * and so is the hostile-client suite, which floods a node of its own that keeps the real clock.
 */
const TIME_SENSITIVE = [
  'tools/workspace-checks/src/shifted-clock\\.spec\\.ts$',
  'libs/(protocol|auth|client|gateway)/src/',
  'apps/web/src/',
  'apps/api/src/(logging|security|config)/',
];
const PROJECTS = ['workspace-checks', 'protocol', 'auth', 'client', 'gateway', 'web', 'api'];

/** The hours at which a test that looks for a short string in a log, or formats a local time, goes wrong. */
const CLOCKS = [
  { clock: '2026-06-01T13:00:00.000Z', zone: 'America/St_Johns' },
  { clock: '2026-12-31T23:59:30.000Z', zone: 'Asia/Kathmandu' },
];

function runShifted(clock: string, zone: string) {
  const args = [
    JEST,
    '--selectProjects',
    ...PROJECTS,
    '--maxWorkers=2',
    '--reporters=default',
    '--ci',
    '--testPathIgnorePatterns=\\.contract\\.spec\\.ts$|hostile-clients',
  ];
  // Array options take every argument after them, so the paths go first.
  return spawnSync(process.execPath, [JEST, ...TIME_SENSITIVE, ...args.slice(1)], {
    cwd: ROOT,
    env: { ...process.env, PULSE_TEST_CLOCK: clock, TZ: zone, FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 8 * 60_000,
  });
}

// A run on a shifted clock never starts another one.
const describeOnRealClock = process.env['PULSE_TEST_CLOCK'] ? describe.skip : describe;

describeOnRealClock('the suite at any hour, in any time zone', () => {
  for (const { clock, zone } of CLOCKS) {
    it(`passes its time-sensitive parts with the clock at ${clock} in ${zone}`, () => {
      const run = runShifted(clock, zone);
      expect({ status: run.status, signal: run.signal, failures: failuresOf(run.stderr) }).toEqual({
        status: 0,
        signal: null,
        failures: [],
      });
      const suites = Number(/Test Suites:\s+(\d+) passed/.exec(run.stderr)?.[1] ?? 0);
      expect(suites).toBeGreaterThan(50);
      expect(run.stderr).toContain('shifted-clock.spec.ts');
    });
  }
});

/** The names of the failing tests, so a failure here says which test depends on the clock. */
function failuresOf(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /^\s*● /.test(line))
    .map((line) => line.trim());
}
