import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { launchRedisProcess, terminate } from './redis-server';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 30_000;

export interface TestRedisNode {
  readonly port: number;
  /** The running process id. */
  readonly pid: number;
  /** Whether this node's process is still running (a `kill`ed one is not). */
  readonly running: boolean;
}

export interface TestRedisCluster {
  readonly nodes: readonly TestRedisNode[];
  /** `127.0.0.1:port,...` of every node, for `REDIS_CLUSTER_NODES`. */
  readonly seedNodes: string;
  /** The ports of the nodes that are primaries now (asked of a running node). */
  primaries(): Promise<number[]>;
  /** The port of the primary that serves `key`'s slot now. */
  primaryOf(key: string): Promise<number>;
  /** The port of a replica of the primary on `port` (asked of a running node). */
  replicaOf(port: number): Promise<number>;
  /** Freezes one node (SIGSTOP): its sockets stay open but it answers nothing, replication included. */
  pause(port: number): void;
  /** Thaws a paused node (SIGCONT). */
  resume(port: number): void;
  /** Kills one node with SIGKILL (a crash), by its PID; resolves once it is gone. */
  kill(port: number): Promise<void>;
  /**
   * Resolves once every slot is served again (`cluster_state:ok` on every running node) and every running replica
   * is in sync with its primary (`master_link_status:up`: one that never synced cannot take over) and listed by
   * every node's `CLUSTER SLOTS`.
   */
  waitHealthy(): Promise<void>;
  /** Stops every node by its PID and removes their files. */
  stop(): Promise<void>;
}

export interface TestRedisClusterOptions {
  /** Primaries, each serving a third (or so) of the slots. @default 3 */
  readonly primaries?: number;
  /** Replicas per primary (one of them takes over when its primary dies). @default 0 */
  readonly replicasPerPrimary?: number;
  /** How long a node must be unreachable to be taken for failed. @default 1000 */
  readonly nodeTimeoutMs?: number;
}

/**
 * A private Redis Cluster on 127.0.0.1: `redis-server --cluster-enabled yes` on free ports, joined by
 * `redis-cli --cluster create`, ready once every node reports `cluster_state:ok`. Stopped by PID.
 */
export async function startRedisCluster(options: TestRedisClusterOptions = {}): Promise<TestRedisCluster> {
  const primaries = options.primaries ?? 3;
  const replicas = options.replicasPerPrimary ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'pulse-redis-cluster-'));
  const ports: number[] = [];
  while (ports.length < primaries * (1 + replicas)) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const children = new Map<number, ChildProcess>();
  const stopAll = async () => {
    // A paused node would never see the SIGTERM through.
    for (const child of children.values()) if (isRunning(child)) child.kill('SIGCONT');
    await Promise.all([...children.values()].map((child) => terminate(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const args = [
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        String(options.nodeTimeoutMs ?? 1000),
        '--appendonly',
        'no',
        '--dbfilename',
        `dump-${port}.rdb`,
        // A replica syncs at once instead of waiting 5 s for others: one not synced yet cannot take over.
        '--repl-diskless-sync-delay',
        '0',
      ];
      children.set(port, await launchRedisProcess(port, args));
    }
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ],
      {
        timeout: READY_TIMEOUT_MS,
      },
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  const running = () => ports.filter((port) => isRunning(children.get(port)));
  const cluster: TestRedisCluster = {
    nodes: ports.map((port) => ({
      port,
      get pid() {
        return children.get(port)?.pid ?? -1;
      },
      get running() {
        return isRunning(children.get(port));
      },
    })),
    seedNodes: ports.map((port) => `127.0.0.1:${port}`).join(','),
    async primaries() {
      const [port] = running();
      const lines = (await cli(port ?? 0, 'CLUSTER', 'NODES')).split('\n');
      return lines
        .map((line) => line.split(' '))
        .filter((fields) => fields[2]?.split(',').includes('master') && !fields[2].includes('fail'))
        .map((fields) => Number(fields[1]?.split('@')[0]?.split(':')[1]));
    },
    async primaryOf(key: string) {
      const [port] = running();
      const slot = Number((await cli(port ?? 0, 'CLUSTER', 'KEYSLOT', key)).trim());
      const shards = JSON.parse(await cli(port ?? 0, '--json', 'CLUSTER', 'SLOTS')) as Array<
        [number, number, [string, number, string]]
      >;
      const shard = shards.find(([from, to]) => slot >= from && slot <= to);
      if (!shard) throw new Error(`no primary serves slot ${slot}`);
      return shard[2][1];
    },
    async replicaOf(port: number) {
      const [asked] = running();
      const lines = (await cli(asked ?? 0, 'CLUSTER', 'NODES')).split('\n').map((line) => line.split(' '));
      const portOf = (fields: string[]) => Number(fields[1]?.split('@')[0]?.split(':')[1]);
      const primaryId = lines.find((fields) => portOf(fields) === port)?.[0];
      const replica = lines.find((fields) => primaryId && fields[3] === primaryId);
      if (!replica) throw new Error(`the primary on port ${port} has no replica`);
      return portOf(replica);
    },
    pause(port: number) {
      children.get(port)?.kill('SIGSTOP');
    },
    resume(port: number) {
      children.get(port)?.kill('SIGCONT');
    },
    async kill(port: number) {
      const child = children.get(port);
      if (child) await terminate(child, 'SIGKILL');
    },
    async waitHealthy() {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      for (;;) {
        const states = await Promise.all(
          running().map(async (port) => {
            const [cluster, replication, slots] = await Promise.all([
              cli(port, 'CLUSTER', 'INFO').catch(() => ''),
              cli(port, 'INFO', 'replication').catch(() => ''),
              cli(port, '--json', 'CLUSTER', 'SLOTS').catch(() => '[]'),
            ]);
            const replica = /^role:slave/m.test(replication);
            const listed = (JSON.parse(slots) as Array<Array<unknown>>).flatMap((shard) =>
              shard.slice(2).map((node) => (node as [string, number])[1]),
            );
            return {
              port,
              ok:
                /^cluster_state:ok/m.test(cluster) &&
                (!replica || /^master_link_status:up/m.test(replication)),
              replica,
              listed,
            };
          }),
        );
        // A replica counts once every node lists it in CLUSTER SLOTS (clients learn of it from there).
        const replicas = states.filter((state) => state.replica).map((state) => state.port);
        const listed = states.every((state) => replicas.every((port) => state.listed.includes(port)));
        if (listed && states.every((state) => state.ok)) return;
        if (Date.now() > deadline) throw new Error('the Redis Cluster did not become healthy within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: stopAll,
  };
  await cluster.waitHealthy();
  return cluster;
}

export interface TestRedisSentinel {
  /** `127.0.0.1:port,...` of the Sentinels, for `REDIS_SENTINELS`. */
  readonly sentinels: string;
  /** The master name they monitor, for `REDIS_SENTINEL_NAME`. */
  readonly name: string;
  readonly primaryPort: number;
  readonly replicaPort: number;
  /** Kills the current primary with SIGKILL, by its PID. */
  killPrimary(): Promise<void>;
  /** The port the Sentinels name as primary now. */
  currentPrimaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/** A primary, one replica and three Sentinels (quorum 2) on free ports, failing over within about two seconds. */
export async function startRedisSentinel(name = 'pulse-test'): Promise<TestRedisSentinel> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-redis-sentinel-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => terminate(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const primaryPort = await freePort();
    const replicaPort = await freePort();
    const primary = await launchRedisProcess(primaryPort, [
      '--dir',
      dir,
      '--dbfilename',
      'primary.rdb',
      '--appendonly',
      'no',
    ]);
    children.push(primary);
    children.push(
      await launchRedisProcess(replicaPort, [
        '--dir',
        dir,
        '--dbfilename',
        'replica.rdb',
        '--appendonly',
        'no',
        '--replicaof',
        '127.0.0.1',
        String(primaryPort),
      ]),
    );
    const sentinelPorts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const config = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        config,
        [
          `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      children.push(await launchRedisProcess(port, [], ['redis-server', config, '--sentinel']));
      sentinelPorts.push(port);
    }
    const currentPrimaryPort = async () => {
      for (const port of sentinelPorts) {
        const answer = await cli(port, 'SENTINEL', 'get-master-addr-by-name', name).catch(() => '');
        const found = Number(answer.trim().split('\n')[1]);
        if (found) return found;
      }
      throw new Error('no Sentinel names a primary');
    };
    return {
      sentinels: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
      name,
      primaryPort,
      replicaPort,
      currentPrimaryPort,
      async killPrimary() {
        const port = await currentPrimaryPort();
        const child = port === primaryPort ? primary : children[1];
        if (child) await terminate(child, 'SIGKILL');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    timeout: 5000,
  });
  return stdout;
}

function isRunning(child: ChildProcess | undefined): boolean {
  return !!child && child.exitCode === null && child.signalCode === null;
}
