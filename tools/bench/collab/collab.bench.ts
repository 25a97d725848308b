/**
 * Shared-document typing: Pulse's /collab on two nodes over Redis against the reference y-websocket server.
 * See tools/bench/README.md ("Collaboration").
 *
 *   node -r @swc-node/register tools/bench/collab/collab.bench.ts [--editors 20] [--hz 10] [--duration-s 10] [--warmup-s 3] [--no-build] [--no-pin]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApi } from '../cli/build-api';
import { requestTicket } from '../clients/ticket-request';
import { TokenMinter, userId } from '../clients/user-identity';
import { readHostBusySeconds } from '../metrics/host-cpu';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import { delay, waitUntil } from '../run/waits';
import { startSetup } from '../servers/cluster';
import { planCpus } from '../servers/cpu-pinning';
import { RESULTS_DIR } from '../servers/workspace-paths';
import { installReference, REFERENCE_PACKAGE, startReference } from './reference-y-websocket';
import { TypingEditors, type EditorEndpoint } from './typing-editors';

interface CollabBenchArgs {
  editors: number;
  hz: number;
  durationS: number;
  warmupS: number;
  build: boolean;
  pin: boolean;
}

interface TargetResult {
  target: string;
  label: string;
  serverProcesses: number;
  sent: number;
  /** Tokens typed per second in the window, all editors together: below editors × hz, the generator fell behind. */
  typedPerSecond: number;
  deliveredInWindow: number;
  deliveredPerSecond: number;
  /** Every token reached every other editor by the end of the drain. */
  deliveredRatio: number;
  serverCpuSeconds: number;
  cpuMicrosPerDelivered: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  /** CPU seconds the rest of the machine used in the window (neither the servers nor the generator). */
  otherCpuSeconds: number;
  closes: number;
}

const DOCUMENT = 'bench-notes';
const DRAIN_MS = 5000;

function parseArgs(argv: readonly string[]): CollabBenchArgs {
  const args: CollabBenchArgs = { editors: 20, hz: 10, durationS: 10, warmupS: 3, build: true, pin: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const number = (): number => {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number`);
      return value;
    };
    if (flag === '--editors') args.editors = Math.floor(number());
    else if (flag === '--hz') args.hz = number();
    else if (flag === '--duration-s') args.durationS = number();
    else if (flag === '--warmup-s') args.warmupS = number();
    else if (flag === '--no-build') args.build = false;
    else if (flag === '--no-pin') args.pin = false;
    else throw new Error(`unknown option ${flag}`);
  }
  if (args.editors < 2) throw new Error('--editors needs at least 2');
  return args;
}

/** Opens the editors, types through the warm-up and the window, then drains; the servers' CPU is read over the window. */
async function measure(
  target: string,
  label: string,
  pids: readonly number[],
  endpoints: readonly EditorEndpoint[],
  args: CollabBenchArgs,
): Promise<TargetResult> {
  const editors = new TypingEditors();
  try {
    await editors.open(endpoints, DOCUMENT);
    editors.startTyping(args.hz);
    await delay(args.warmupS * 1000);
    const cpuBefore = readTotalCpuSeconds(pids);
    const hostBefore = readHostBusySeconds();
    const selfBefore = process.cpuUsage();
    const started = performance.now();
    const sentBefore = editors.sent;
    editors.beginWindow();
    await delay(args.durationS * 1000);
    const window = editors.endWindow();
    const seconds = (performance.now() - started) / 1000;
    const serverCpuSeconds = readTotalCpuSeconds(pids) - cpuBefore;
    const self = process.cpuUsage(selfBefore);
    const otherCpuSeconds =
      readHostBusySeconds() - hostBefore - serverCpuSeconds - (self.user + self.system) / 1e6;
    editors.stopTyping();
    await waitUntil(() => editors.complete, DRAIN_MS);
    return {
      target,
      label,
      serverProcesses: pids.length,
      sent: editors.sent,
      typedPerSecond: (editors.sent - sentBefore) / seconds,
      deliveredInWindow: window.deliveries,
      deliveredPerSecond: window.deliveries / seconds,
      deliveredRatio: editors.received / (editors.sent * (args.editors - 1)),
      serverCpuSeconds,
      cpuMicrosPerDelivered: (serverCpuSeconds * 1e6) / window.deliveries,
      p50Ms: window.latency.quantile(0.5),
      p99Ms: window.latency.quantile(0.99),
      p999Ms: window.latency.quantile(0.999),
      otherCpuSeconds: Math.max(0, otherCpuSeconds),
      closes: editors.closes,
    };
  } finally {
    editors.destroy();
  }
}

const PULSE_SETUPS = {
  'pulse-2n-redis': 'Pulse /collab, 2 nodes + Redis',
  pulse: 'Pulse /collab, 1 node in memory',
} as const;

async function benchPulse(
  setup: keyof typeof PULSE_SETUPS,
  args: CollabBenchArgs,
  cpu: number | undefined,
): Promise<TargetResult> {
  const jwtSecret = randomBytes(32).toString('hex');
  const cluster = await startSetup(setup, { heartbeatMs: 30_000, jwtSecret, cpu });
  try {
    const minter = TokenMinter.forSecret(jwtSecret);
    const endpoints: EditorEndpoint[] = [];
    for (let index = 0; index < args.editors; index++) {
      const node = cluster.urls[index % cluster.urls.length];
      const ticket = await requestTicket(node, minter.tokenFor(userId(index)), 10_000);
      endpoints.push({ serverUrl: `${node.replace(/^http/, 'ws')}/collab`, params: { ticket } });
    }
    return await measure(setup, PULSE_SETUPS[setup], cluster.pids, endpoints, args);
  } finally {
    await cluster.stop();
  }
}

async function benchReference(
  args: CollabBenchArgs,
  dir: string,
  cpu: number | undefined,
): Promise<TargetResult> {
  const server = await startReference(dir, cpu);
  try {
    const endpoints = Array.from({ length: args.editors }, () => ({ serverUrl: server.wsUrl, params: {} }));
    return await measure(
      'y-websocket',
      `${REFERENCE_PACKAGE} bin/server.js, 1 node in memory`,
      [server.pid],
      endpoints,
      args,
    );
  } finally {
    await server.stop();
  }
}

const round = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

function markdown(results: readonly TargetResult[], args: CollabBenchArgs): string {
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${r.serverProcesses} | ${round(r.typedPerSecond, 0)} | ${round(r.deliveredPerSecond, 0)} | ${round(r.deliveredRatio * 100, 2)} % | ` +
      `${round(r.cpuMicrosPerDelivered, 1)} | ${round(r.p50Ms, 2)} | ${round(r.p99Ms, 2)} | ${round(r.p999Ms, 2)} | ${round(r.otherCpuSeconds, 1)} |`,
  );
  const reference = results[results.length - 1];
  const ratios = results
    .slice(0, -1)
    .map(
      (r) =>
        `${r.label} ÷ reference: CPU per delivered update ${round(r.cpuMicrosPerDelivered / reference.cpuMicrosPerDelivered, 2)}×, ` +
        `p99 latency ${round(r.p99Ms / reference.p99Ms, 2)}×.`,
    );
  return [
    `${args.editors} editors, ${args.hz} Hz each, one document, ${args.durationS} s window after ${args.warmupS} s warm-up:`,
    '',
    '| server | processes | typed updates/s | delivered updates/s | delivered | server CPU µs / delivered update | p50 ms | p99 ms | p99.9 ms | other CPU s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...ratios,
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  // Each y-websocket provider in Node listens for the process's exit (to say its awareness is gone).
  process.setMaxListeners(args.editors + 20);
  if (args.build) buildApi();
  const plan = planCpus(args.pin);
  process.stderr.write(`installing ${REFERENCE_PACKAGE} outside the workspace...\n`);
  const reference = installReference();
  try {
    process.stderr.write('measuring Pulse (2 nodes + Redis)...\n');
    const twoNodes = await benchPulse('pulse-2n-redis', args, plan.server);
    process.stderr.write('measuring Pulse (1 node in memory)...\n');
    const oneNode = await benchPulse('pulse', args, plan.server);
    process.stderr.write(`measuring ${REFERENCE_PACKAGE} bin/server.js...\n`);
    const yws = await benchReference(args, reference.dir, plan.server);
    const results = [twoNodes, oneNode, yws];
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, 'collab.json');
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), args, cpus: plan, results }, null, 2));
    process.stdout.write(`${markdown(results, args)}\n\n(${file})\n`);
  } finally {
    reference.dispose();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`collab bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
