import { delimiter } from 'node:path';
import { WORKSPACE_ROOT } from '../packages/published-packages';

/**
 * The environment a consumer's commands run in: PATH without the workspace's node_modules/.bin (which `npm test`
 * puts first), the same HOME and so the same npm cache, and none of the `npm_config_*` that `npm test` sets (its
 * prefix is the workspace).
 */
export function isolatedEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const path = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((entry) => entry !== '' && !entry.startsWith(WORKSPACE_ROOT))
    .join(delimiter);
  return {
    PATH: path,
    HOME: process.env['HOME'] ?? '/root',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}
