/**
 * A local Pulse cluster on one port: Redis (its own, on a free port, unless REDIS_URL is set), N built nodes
 * sharing it, and nginx in front with the config in tools/nginx. Ctrl-C (or SIGTERM) stops them all.
 *
 *   npm run cluster -- [--nodes 3] [--port 8080] [--host 127.0.0.1]
 *   node -r @swc-node/register tools/scripts/cluster.ts [--nodes 3] [--port 8080] [--host 127.0.0.1]
 *
 * It builds nothing: run `npx nx run-many -t build -p api web` first. Node settings (HEARTBEAT_INTERVAL_MS,
 * PRESENCE_TTL_MS, JWT_SECRET, ...) are passed through from the environment; PORT, HOST and LOG_LEVEL are set here.
 * @swc-node/register compiles it with the root tsconfig.json (decorators, the @pulse/* paths), so run it from the
 * workspace root; apps/api/src/docs-commands/cluster-command.e2e.spec.ts runs both forms above.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EnvSchema } from '../../apps/api/src/config/env.schema';
import { loadConfig } from '../../apps/api/src/config/load-config';
import {
  BUILT_SERVER,
  startNodes,
  type NodeProcess,
  type NodeProcessEnv,
} from '../../apps/api/src/testing/cluster-processes';
import { findExecutable, NGINX_INSTALL_HINT, startNginx, type NginxProcess } from '@pulse/nginx';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';

const ROOT = join(__dirname, '../..');
const WEB_INDEX = join(ROOT, 'dist/apps/web/index.html');
const BUILD_HINT = 'run `npx nx run-many -t build -p api web` first';
const REDIS_INSTALL_HINT =
  'redis-server is not installed: apt-get install redis-server (Debian/Ubuntu), or set REDIS_URL';
/** Set here for every node, whatever the environment says. */
const OWN_VARIABLES = new Set(['PORT', 'HOST', 'LOG_LEVEL', 'REDIS_URL', 'JWT_SECRET']);
/** Nest lines at these levels stay in the node; warnings, errors and anything else are echoed. */
const QUIET_LINE = /"level":"(trace|debug|info)"/;

interface ClusterArgs {
  readonly nodes: number;
  readonly port: number;
  readonly host: string;
}

function parseClusterArgs(argv: string[]): ClusterArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string', default: '3' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run cluster -- [--nodes 3] [--port 8080] [--host 127.0.0.1]\n');
    process.exit(0);
  }
  const nodes = Number(values.nodes);
  const port = Number(values.port);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 32)
    throw new Error(`--nodes must be an integer from 1 to 32 (got "${values.nodes}")`);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--port must be a TCP port (got "${values.port}")`);
  return { nodes, port, host: values.host ?? '127.0.0.1' };
}

/** Everything missing before anything starts, each with how to get it. */
function missingPrerequisites(ownRedis: boolean): string[] {
  const missing: string[] = [];
  if (!existsSync(BUILT_SERVER)) missing.push(`the built API (${BUILT_SERVER}): ${BUILD_HINT}`);
  if (!existsSync(WEB_INDEX)) missing.push(`the built web app (${WEB_INDEX}): ${BUILD_HINT}`);
  if (!findExecutable('nginx')) missing.push(NGINX_INSTALL_HINT);
  if (ownRedis && !findExecutable('redis-server')) missing.push(REDIS_INSTALL_HINT);
  return missing;
}

/** The node variables given in this environment, minus the ones the script owns. */
function passedThroughEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of Object.keys(EnvSchema.properties)) {
    const value = process.env[name];
    if (value !== undefined && !OWN_VARIABLES.has(name)) env[name] = value;
  }
  return env;
}

async function main(): Promise<void> {
  const args = parseClusterArgs(process.argv.slice(2));
  const givenRedisUrl = process.env['REDIS_URL'];
  const missing = missingPrerequisites(!givenRedisUrl);
  if (missing.length > 0) {
    process.stderr.write(`cannot start the cluster; missing:\n  - ${missing.join('\n  - ')}\n`);
    process.exit(1);
  }

  let redis: TestRedisServer | undefined;
  let nodes: NodeProcess[] = [];
  let nginx: NginxProcess | undefined;
  const prefix = mkdtempSync(join(tmpdir(), 'pulse-cluster-nginx-'));
  let stopping = false;

  const stopAll = async (code: number): Promise<never> => {
    stopping = true;
    await nginx?.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    await redis?.stop();
    rmSync(prefix, { recursive: true, force: true });
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(
        `\n${signal}: stopping nginx, ${nodes.length} node(s)${redis ? ' and Redis' : ''}\n`,
      );
      void stopAll(0);
    });
  }

  try {
    if (!givenRedisUrl) redis = await startRedisServer();
    const redisUrl = givenRedisUrl ?? redis?.url ?? '';
    const env: NodeProcessEnv = {
      TRUSTED_PROXIES: '127.0.0.1',
      ...passedThroughEnv(),
      REDIS_URL: redisUrl,
      JWT_SECRET: process.env['JWT_SECRET'] ?? randomBytes(48).toString('base64url'),
    };
    // The nodes' own validation, once, before starting them: a bad variable stops here with its name.
    const { heartbeatIntervalMs } = loadConfig(env);
    nodes = await startNodes(args.nodes, env, {
      onLine: (line) => {
        if (line.trim() && !QUIET_LINE.test(line)) process.stdout.write(`[node] ${line}\n`);
      },
    });
    nodes.forEach((node, index) => {
      void node.exited.then((how) => {
        if (!stopping)
          process.stdout.write(
            `node ${index + 1} (pid ${node.pid}) exited (${how}); nginx sends its clients to the others\n`,
          );
      });
    });
    nginx = await startNginx({
      prefix,
      listenHost: args.host,
      listenPort: args.port,
      upstreams: nodes.map((node) => node.address),
      heartbeatIntervalMs,
    });
    const proxy = nginx;
    void proxy.exited.then(() => {
      if (stopping) return;
      process.stderr.write(`nginx exited unexpectedly: ${proxy.output().trim()}\n`);
      void stopAll(1);
    });
  } catch (error) {
    process.stderr.write(
      `cannot start the cluster: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (/Address already in use/.test(String(error)))
      process.stderr.write(`port ${args.port} is taken: pick another with --port\n`);
    await stopAll(1);
  }

  const lines = [
    `Pulse cluster on ${nginx?.url} (nginx, ip_hash), Redis ${givenRedisUrl ? 'from REDIS_URL' : `at ${redis?.url}`}`,
    ...nodes.map((node, index) => `  node ${index + 1}: ${node.httpUrl} (pid ${node.pid})`),
    `  nginx config: ${nginx?.configPath}`,
    'Every client from this machine lands on one node (ip_hash). To watch moves cross nodes, open a second',
    'player on a node URL above directly. Ctrl-C stops everything.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
