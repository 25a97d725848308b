import { join, resolve } from 'node:path';

/** The workspace root, from this file's place in `tools/bench/servers/`. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** The built API entry (`npx nx build api`). */
export const PULSE_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/apps/api/src/main.js');

export const BASELINE_ENTRIES = {
  ws: join(WORKSPACE_ROOT, 'tools/bench/baselines/ws-relay.server.ts'),
  'socket.io': join(WORKSPACE_ROOT, 'tools/bench/baselines/socket-io-relay.server.ts'),
} as const;

/** Results, profiles and charts (gitignored). */
export const RESULTS_DIR = join(WORKSPACE_ROOT, 'tmp/bench');

export const BENCHMARKS_DOC = join(WORKSPACE_ROOT, 'docs/benchmarks.md');
