import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Sizes } from '../scenarios/scenario';
import { isServerSetup, SERVER_SETUPS, type ServerSetup } from '../servers/server-setup';

export interface BenchArgs {
  /** A scenario name, `all`, `soak`, `profile`, `report` or `list`. */
  command: string;
  /** For `profile`: the scenario to profile. */
  target?: string;
  runs: number;
  /** --targets; undefined: each scenario's own list (soak and profile: Pulse). */
  kinds?: ServerSetup[];
  sizes: Sizes;
  /** Soak length, seconds. */
  soakDurationS: number;
  heartbeatMs: number;
  smoke: boolean;
  pin: boolean;
  build: boolean;
  docs: boolean;
  /** --compare-pulse: absolute path of a second Pulse build's main.js, run as `pulse-compare`. */
  comparePulseMain?: string;
}

export const USAGE = `usage: node -r @swc-node/register tools/bench/bench.ts <scenario|all|soak|profile [scenario]|report|list> [options]
  --runs N          runs per server per scenario (default 3; smoke 1)
  --duration-s N    steady window per run in seconds (default 3); for soak the whole soak (default 600)
  --warmup-s N      load before the window opens (default 1)
  --idle N          idle connections for idle and soak (default 10000; in \`all\` 3000, to stay under 10 minutes)
  --storm N         clients of the drained node in reconnect-storm (default 10000; in \`all\` 4000)
  --msg-bytes N     grow relayed move frames to about N bytes by padding user ids (default: natural, ~90)
  --heartbeat-ms N  soak: server heartbeat interval (default 5000)
  --targets LIST    servers, comma-separated, from ${SERVER_SETUPS.join(',')} (default: each scenario's own; soak: pulse; profile: one Pulse set-up, default pulse)
  --smoke           tiny sizes, 1 run, short windows; never writes docs
  --no-pin          do not pin servers and generator to separate CPUs with taskset
  --no-build        do not run \`npx nx build api\` first
  --no-docs         do not rewrite docs/benchmarks.md after \`all\`/\`soak\`/\`profile\`
  --compare-pulse PATH  a second Pulse build's main.js (e.g. another worktree's dist/apps/api/apps/api/src/main.js),
                    run as pulse-compare right after pulse in each scenario that has pulse, started the same way; never built`;

function positiveNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Frame bytes of a relayed move without its player id, to turn --msg-bytes into an id length. */
const MOVE_FRAME_WITHOUT_ID = JSON.stringify({
  type: 'move',
  room: 'one-room-100-0',
  player: '',
  x: 123456.78901234,
  y: 0,
  seq: 12345,
}).length;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      'duration-s': { type: 'string' },
      'warmup-s': { type: 'string' },
      idle: { type: 'string' },
      storm: { type: 'string' },
      'msg-bytes': { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      targets: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      'compare-pulse': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = values.help ? 'help' : (positionals[0] ?? 'all');
  const smoke = values.smoke === true;
  const kinds = values.targets?.split(',').map((kind) => kind.trim()) ?? [];
  const unknown = kinds.filter((kind) => !isServerSetup(kind));
  if (unknown.length > 0)
    throw new Error(`--targets: unknown server(s) ${unknown.join(', ')}; use ${SERVER_SETUPS.join(', ')}`);
  const comparePulseMain =
    values['compare-pulse'] === undefined ? undefined : resolve(values['compare-pulse']);
  if (comparePulseMain !== undefined && !existsSync(comparePulseMain))
    throw new Error(`--compare-pulse: no such file ${comparePulseMain}`);
  if (comparePulseMain === undefined && kinds.includes('pulse-compare'))
    throw new Error('--targets pulse-compare needs --compare-pulse PATH');
  const msgBytes =
    values['msg-bytes'] === undefined ? 0 : positiveNumber(values['msg-bytes'], 'msg-bytes', 0);
  const durationS = positiveNumber(values['duration-s'], 'duration-s', smoke ? 1 : 3);
  const idleDefault = smoke ? 200 : command === 'all' ? 3000 : 10_000;
  const stormDefault = smoke ? 400 : command === 'all' ? 4000 : 10_000;
  return {
    command,
    target: positionals[1],
    runs: Math.round(positiveNumber(values.runs, 'runs', smoke ? 1 : 3)),
    kinds: values.targets === undefined ? undefined : kinds.filter(isServerSetup),
    sizes: {
      durationS,
      warmupS: positiveNumber(values['warmup-s'], 'warmup-s', smoke ? 0.5 : 1),
      idleConnections: Math.round(positiveNumber(values.idle, 'idle', idleDefault)),
      stormClients: Math.round(positiveNumber(values.storm, 'storm', stormDefault)),
      scale: smoke ? 0.1 : 1,
      idPadTo: msgBytes > 0 ? Math.max(0, Math.round(msgBytes) - MOVE_FRAME_WITHOUT_ID) : 0,
    },
    soakDurationS: positiveNumber(values['duration-s'], 'duration-s', smoke ? 20 : 600),
    heartbeatMs: Math.round(positiveNumber(values['heartbeat-ms'], 'heartbeat-ms', 5000)),
    smoke,
    pin: values['no-pin'] !== true,
    build: values['no-build'] !== true,
    docs: values['no-docs'] !== true && !smoke,
    comparePulseMain,
  };
}
