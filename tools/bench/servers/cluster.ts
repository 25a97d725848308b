import { startRedisCluster } from '@pulse/testing';
import { pinnedCommand } from './cpu-pinning';
import { startRedisServer } from './redis-server';
import { isPulse, type ServerKind } from './server-kind';
import { setupSpec, type ServerSetup } from './server-setup';
import { startServer, type ServerProcess } from './server-process';
import { BASELINE_ENTRIES, PULSE_MAIN, WORKSPACE_ROOT } from './workspace-paths';

export interface ClusterOptions {
  /** Server processes to start; clients are spread over their URLs. Cross-node (Redis) scenarios use more than one. */
  nodes: number;
  heartbeatMs: number;
  /** HS256 secret Pulse verifies access tokens with; the bench mints them with the same one. */
  jwtSecret: string;
  /** CPU to pin every node to (taskset), when pinning is on. */
  cpu?: number;
  /** Pulse only: run each node under `node --cpu-prof` writing into this directory. */
  cpuProfileDir?: string;
  /** Extra environment for every node (a set-up with Redis puts its `REDIS_URL` here). */
  env?: Record<string, string>;
  /** Pulse only: the built entry to start. @default PULSE_MAIN (this workspace's build) */
  pulseMain?: string;
}

/** What starting a set-up takes: a cluster's options, and the second Pulse build for `pulse-compare`. */
export type SetupOptions = Omit<ClusterOptions, 'nodes' | 'pulseMain'> & {
  /** `--compare-pulse`: the main.js `pulse-compare` starts. */
  comparePulseMain?: string;
};

/** The server processes of one run of one kind. */
export interface Cluster {
  readonly kind: ServerKind;
  readonly nodes: readonly ServerProcess[];
  /** Every process whose CPU counts as the server's: the nodes and, in a set-up with Redis, its redis-server. */
  readonly pids: readonly number[];
  /** The private redis-server's PID, in a set-up with Redis. */
  readonly redisPid?: number;
  /** One base URL per node (`http://127.0.0.1:PORT`). */
  readonly urls: readonly string[];
  stop(): Promise<void>;
}

/** Makes SIGTERM exit normally so that `--cpu-prof` gets to write its profile. */
const EXIT_ON_SIGTERM = 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))';

function nodeArgs(kind: ServerKind, options: ClusterOptions): string[] {
  if (!isPulse(kind)) return ['-r', '@swc-node/register', BASELINE_ENTRIES[kind]];
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '--import', EXIT_ON_SIGTERM]
    : [];
  return [...profile, options.pulseMain ?? PULSE_MAIN];
}

function serverEnv(options: ClusterOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    NO_COLOR: '1',
    // Pulse logs its port at 'log'; nothing on the hot path logs at that level.
    LOG_LEVEL: 'log',
    JWT_SECRET: options.jwtSecret,
    HEARTBEAT_INTERVAL_MS: String(options.heartbeatMs),
    ...options.env,
  };
}

export async function startCluster(kind: ServerKind, options: ClusterOptions): Promise<Cluster> {
  const nodes: ServerProcess[] = [];
  const stop = async (): Promise<void> => {
    const signal = options.cpuProfileDir ? 'SIGTERM' : 'SIGKILL';
    await Promise.all(nodes.map((node) => node.stop(signal, 20_000)));
  };
  try {
    for (let index = 0; index < options.nodes; index++) {
      const { command, args } = pinnedCommand(options.cpu, nodeArgs(kind, options));
      nodes.push(
        await startServer({
          label: `${kind}#${index}`,
          command,
          args,
          env: serverEnv(options),
          cwd: WORKSPACE_ROOT,
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { kind, nodes, pids: nodes.map((node) => node.pid), urls: nodes.map((node) => node.baseUrl), stop };
}

/** The node client `index` talks to: clients are spread round-robin over the nodes. */
export function nodeUrlFor(cluster: Cluster, index: number): string {
  return cluster.urls[index % cluster.urls.length];
}

/** Starts a set-up: for one with Redis, a private redis-server (pinned like the nodes) and its nodes pointed at it. */
export async function startSetup(setup: ServerSetup, options: SetupOptions): Promise<Cluster> {
  const spec = setupSpec(setup);
  if (spec.compare && !options.comparePulseMain)
    throw new Error(`${setup} needs --compare-pulse PATH (a second build's main.js)`);
  if (spec.compare)
    return startCluster(spec.kind, { ...options, nodes: spec.nodes, pulseMain: options.comparePulseMain });
  if (!spec.redis) return startCluster(spec.kind, { ...options, nodes: spec.nodes });
  if (spec.redisCluster) return startOverRedisCluster(spec.kind, spec.nodes, options);
  const redis = await startRedisServer(options.cpu);
  try {
    const cluster = await startCluster(spec.kind, {
      ...options,
      nodes: spec.nodes,
      env: { ...options.env, REDIS_URL: redis.url },
    });
    return {
      ...cluster,
      pids: [...cluster.pids, redis.pid],
      redisPid: redis.pid,
      stop: async () => {
        await cluster.stop();
        await redis.stop();
      },
    };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

/**
 * Pulse nodes over a private 3-primary Redis Cluster (`REDIS_CLUSTER_NODES`; sharded pub/sub, its default). Every
 * redis-server's CPU counts as the set-up's. The cluster's processes are not pinned (the test helper starts them).
 */
async function startOverRedisCluster(
  kind: ServerKind,
  nodes: number,
  options: SetupOptions,
): Promise<Cluster> {
  const redis = await startRedisCluster();
  try {
    const cluster = await startCluster(kind, {
      ...options,
      nodes,
      env: { ...options.env, REDIS_CLUSTER_NODES: redis.seedNodes },
    });
    const redisPids = redis.nodes.map((node) => node.pid);
    return {
      ...cluster,
      pids: [...cluster.pids, ...redisPids],
      ...(redisPids[0] !== undefined ? { redisPid: redisPids[0] } : {}),
      stop: async () => {
        await cluster.stop();
        await redis.stop();
      },
    };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}
