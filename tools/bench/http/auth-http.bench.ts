/**
 * Nest's Express adapter against its Fastify adapter for `POST /auth/login` (dev login) and `POST /auth/ticket`,
 * one Nest app (`auth-http.module.ts`) built both ways, each a fresh process per run pinned to the server CPU,
 * measured back to back in rotated order. See tools/bench/README.md ("Auth over HTTP").
 *
 *   node -r @swc-node/register tools/bench/http/auth-http.bench.ts [--runs 5] [--duration-s 3] [--concurrency 32] [--no-pin]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readHostBusySeconds } from '../metrics/host-cpu';
import { median, spread } from '../metrics/median';
import { readTotalCpuSeconds } from '../metrics/proc-cpu';
import { readTotalRssKb } from '../metrics/proc-rss';
import { pinnedCommand, planCpus } from '../servers/cpu-pinning';
import { startServer, type ServerProcess } from '../servers/server-process';
import { RESULTS_DIR, WORKSPACE_ROOT } from '../servers/workspace-paths';

const ADAPTERS = ['express', 'fastify'] as const;
type AdapterName = (typeof ADAPTERS)[number];
const ENDPOINTS = ['login', 'ticket'] as const;
type Endpoint = (typeof ENDPOINTS)[number];
const LOGIN_BODY = JSON.stringify({ username: 'alice', password: 'pulse' });
const WARMUP_REQUESTS = 500;

interface EndpointFigures {
  requestsPerS: number;
  cpuUsPerRequest: number;
  /** RSS growth over the window, per request: garbage the adapter leaves committed, and the refresh sign-ins kept. */
  rssBytesPerRequest: number;
  otherCpuPct: number;
  errors: number;
}

type RunFigures = Record<Endpoint, EndpointFigures>;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'duration-s': { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    'no-pin': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const durationMs = Number(values['duration-s']) * 1000;
const concurrency = Number(values.concurrency);

interface Answer {
  status: number;
  body: string;
}

function post(
  agent: Agent,
  server: ServerProcess,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.baseUrl);
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function requestOf(
  endpoint: Endpoint,
  accessToken: string,
): { path: string; headers: Record<string, string>; body: string } {
  return endpoint === 'login'
    ? { path: '/auth/login', headers: { 'content-type': 'application/json' }, body: LOGIN_BODY }
    : { path: '/auth/ticket', headers: { authorization: `Bearer ${accessToken}` }, body: '' };
}

/** `concurrency` keep-alive connections, each sending the next request as soon as the answer came, until `untilMs`. */
async function hammer(
  agent: Agent,
  server: ServerProcess,
  endpoint: Endpoint,
  accessToken: string,
  count: number | null,
  untilMs: number,
): Promise<{ done: number; errors: number }> {
  const { path, headers, body } = requestOf(endpoint, accessToken);
  let done = 0;
  let errors = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < untilMs && (count === null || done + errors < count)) {
      const answer = await post(agent, server, path, headers, body).catch(() => ({ status: 0, body: '' }));
      if (answer.status === 200) done++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, errors };
}

async function measure(adapter: AdapterName, cpu: number | undefined): Promise<RunFigures> {
  const { command, args } = pinnedCommand(cpu, [
    '-r',
    '@swc-node/register',
    join(__dirname, 'auth-http.server.ts'),
    adapter,
  ]);
  const server = await startServer({
    label: adapter,
    command,
    args,
    env: { ...process.env, NODE_ENV: 'production' },
    cwd: WORKSPACE_ROOT,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const login = await post(
      agent,
      server,
      '/auth/login',
      { 'content-type': 'application/json' },
      LOGIN_BODY,
    );
    const accessToken = (JSON.parse(login.body) as { accessToken: string }).accessToken;
    const figures = {} as RunFigures;
    for (const endpoint of ENDPOINTS) {
      await hammer(agent, server, endpoint, accessToken, WARMUP_REQUESTS, Number.POSITIVE_INFINITY);
      const rssBefore = readTotalRssKb([server.pid]);
      const cpuBefore = readTotalCpuSeconds([server.pid]);
      const hostBefore = readHostBusySeconds();
      const loadgenBefore = process.cpuUsage();
      const started = performance.now();
      const { done, errors } = await hammer(agent, server, endpoint, accessToken, null, started + durationMs);
      const seconds = (performance.now() - started) / 1000;
      const cpuS = readTotalCpuSeconds([server.pid]) - cpuBefore;
      const loadgen = process.cpuUsage(loadgenBefore);
      const otherS = Math.max(
        0,
        readHostBusySeconds() - hostBefore - cpuS - (loadgen.user + loadgen.system) / 1e6,
      );
      figures[endpoint] = {
        requestsPerS: done / seconds,
        cpuUsPerRequest: (cpuS * 1e6) / done,
        rssBytesPerRequest: ((readTotalRssKb([server.pid]) - rssBefore) * 1024) / done,
        otherCpuPct: (otherS / seconds) * 100,
        errors,
      };
    }
    return figures;
  } finally {
    agent.destroy();
    await server.stop('SIGKILL');
  }
}

const FIGURES: readonly [keyof EndpointFigures, string, number][] = [
  ['requestsPerS', 'requests/s', 0],
  ['cpuUsPerRequest', 'server CPU per request (µs)', 0],
  ['rssBytesPerRequest', 'RSS growth per request (B)', 0],
  ['otherCpuPct', "other processes' CPU (% of a core)", 1],
  ['errors', 'non-200 answers', 0],
];

function fmt(value: number, digits: number): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
}

async function main(): Promise<void> {
  const plan = planCpus(values['no-pin'] !== true);
  const results: Record<AdapterName, RunFigures[]> = { express: [], fastify: [] };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ADAPTERS : [...ADAPTERS].reverse();
    for (const adapter of order) {
      process.stderr.write(`[auth-http] run ${run + 1}/${runs} · ${adapter}\n`);
      results[adapter].push(await measure(adapter, plan.server));
    }
  }
  const lines: string[] = [];
  for (const endpoint of ENDPOINTS) {
    lines.push(
      '',
      `#### \`POST /auth/${endpoint}\``,
      '',
      '| figure | Express | Fastify | Fastify ÷ Express |',
      '|---|---:|---:|---:|',
    );
    for (const [key, label, digits] of FIGURES) {
      const of = (adapter: AdapterName) => results[adapter].map((figures) => figures[endpoint][key]);
      const ratios = results.express.map(
        (figures, i) => results.fastify[i][endpoint][key] / figures[endpoint][key],
      );
      const range = spread(ratios);
      const ratio =
        key === 'errors' || key === 'otherCpuPct'
          ? ''
          : `${fmt(median(ratios), 2)}x <sub>${range ? `${fmt(range.min, 2)}-${fmt(range.max, 2)}` : ''}</sub>`;
      lines.push(
        `| ${label} | ${fmt(median(of('express')), digits)} | ${fmt(median(of('fastify')), digits)} | ${ratio} |`,
      );
    }
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, 'auth-http.json'),
    JSON.stringify({ runs, durationMs, concurrency, results }, null, 2),
  );
  console.log(
    `${runs} run(s) per adapter, ${durationMs / 1000} s window per endpoint, ${concurrency} keep-alive connections; medians, ratios as the median of per-run ratios (range)`,
  );
  console.log(lines.join('\n'));
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
