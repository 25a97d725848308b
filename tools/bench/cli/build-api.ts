import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PULSE_MAIN, WORKSPACE_ROOT } from '../servers/workspace-paths';

/** Builds the API (`npx nx build api`, swc, about a second) so the bench measures the current code. */
export function buildApi(): void {
  const result = spawnSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npx nx build api failed (exit ${result.status})`);
  if (!existsSync(PULSE_MAIN)) throw new Error(`the build did not produce ${PULSE_MAIN}`);
}
