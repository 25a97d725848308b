import type { ServerMessageOf } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from './test-app';
import { TestClient } from './test-client';

/**
 * The set-up of the suites that run once on one node in memory and once on two nodes sharing a private Redis:
 * registers its own `beforeAll`/`afterAll`, so call it inside the `describe`. With Redis, `a` and `b` are two
 * nodes; without it, both name the one node.
 */
export interface NodePair {
  readonly a: TestApp;
  readonly b: TestApp;
  /** The private Redis, when the pair runs over one. */
  readonly redis: TestRedisServer | undefined;
  /** A socket of `user` on `node`, closed after the suite. */
  open(node: TestApp, user: string): Promise<TestClient>;
  /** A socket of `user` on `node` that joined `room`, with the snapshot it got. */
  join(
    node: TestApp,
    user: string,
    room: string,
  ): Promise<{ client: TestClient; snapshot: ServerMessageOf<'snapshot'> }>;
}

export function useNodePair(overRedis: boolean, env: Record<string, string>): NodePair {
  let redis: TestRedisServer | undefined;
  let a: TestApp | undefined;
  let b: TestApp | undefined;
  const clients: TestClient[] = [];
  const started = (node: TestApp | undefined): TestApp => {
    if (!node) throw new Error('the node pair starts in beforeAll: use it inside a test');
    return node;
  };

  beforeAll(async () => {
    redis = overRedis ? await startRedisServer() : undefined;
    const nodeEnv = { ...env, ...(redis ? { REDIS_URL: redis.url } : {}) };
    a = await startTestApp(nodeEnv);
    b = overRedis ? await startTestApp(nodeEnv) : a;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await a?.close();
    if (b !== a) await b?.close();
    await redis?.stop();
  });

  const pair: NodePair = {
    get a() {
      return started(a);
    },
    get b() {
      return started(b);
    },
    get redis() {
      return redis;
    },
    async open(node, user) {
      const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
      clients.push(client);
      return client;
    },
    async join(node, user, room) {
      const client = await pair.open(node, user);
      client.send({ type: 'join', room });
      return { client, snapshot: await client.next('snapshot') };
    },
  };
  return pair;
}
