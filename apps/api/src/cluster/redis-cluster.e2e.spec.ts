import { startRedisCluster, type TestRedisCluster } from '@pulse/testing';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/load-config';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

const SECRET = 'redis-cluster-test-secret-long-enough-1';
jest.setTimeout(90_000);

describe('two Pulse nodes over a 3-primary Redis Cluster', () => {
  let cluster: TestRedisCluster;
  let nodes: TestApp[];
  const clients: TestClient[] = [];

  async function open(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    return client;
  }

  async function metric(node: TestApp, name: string): Promise<string> {
    const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .join('\n');
  }

  beforeAll(async () => {
    cluster = await startRedisCluster();
    const env = {
      REDIS_CLUSTER_NODES: cluster.seedNodes,
      JWT_SECRET: SECRET,
      RATE_LIMIT_ROOM_CREATIONS_PER_MINUTE: '0',
      MAX_ROOMS_PER_CONNECTION: '64',
    };
    nodes = [await startTestApp(env), await startTestApp(env)];
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(nodes.map((node) => node.close()));
    await cluster.stop();
  });

  it('joins, moves, chats, acknowledges and resumes in 30 rooms spread over every shard, across nodes', async () => {
    const [a, b] = nodes;
    const rooms = Array.from({ length: 30 }, (_, i) => `spread-${i}`);
    expect(
      new Set(await Promise.all(rooms.map((room) => cluster.primaryOf(`pulse:{${room}}:seq`)))).size,
    ).toBe(3);
    const alice = await open(a, 'alice');
    const bob = await open(b, 'bob');
    const resumePoints = new Map<string, { seq: number; epoch: string }>();
    for (const room of rooms) {
      alice.send({ type: 'join', room });
      await alice.next('snapshot', (s) => s.room === room);
      bob.send({ type: 'join', room, id: `join-${room}` });
      const snapshot = await bob.next('snapshot', (s) => s.room === room);
      expect(snapshot.players.map((p) => [p.id, p.online])).toEqual([
        ['alice', true],
        ['bob', true],
      ]);
      resumePoints.set(room, { seq: snapshot.seq, epoch: snapshot.epoch ?? '' });
    }
    for (const room of rooms) {
      alice.send({ type: 'move', room, x: 3, y: 4, id: `move-${room}` });
      const ack = await alice.next('ack', (m) => m.id === `move-${room}`);
      const move = await bob.next('move', (m) => m.room === room);
      expect(move).toMatchObject({ player: 'alice', x: 3, y: 4, seq: ack.seq });
      bob.send({ type: 'chat', room, text: `hello ${room}`, id: `chat-${room}` });
      const line = await alice.next('chat', (m) => m.room === room);
      expect(line).toMatchObject({ player: 'bob', text: `hello ${room}`, seq: (ack.seq ?? 0) + 1 });
    }
    const carol = await open(a, 'carol');
    const room = rooms[17] ?? '';
    const since = resumePoints.get(room);
    carol.send({ type: 'join', room, since });
    const replay = [
      await carol.next('move', (m) => m.room === room),
      await carol.next('chat', (m) => m.room === room),
    ];
    expect(replay.map((event) => event.seq)).toEqual([(since?.seq ?? 0) + 1, (since?.seq ?? 0) + 2]);
  });

  it('lists both nodes at GET /admin/nodes for an admin, and counts them', async () => {
    const [a, b] = nodes;
    const token = await a.login('dave');
    const deadline = Date.now() + 10_000;
    let listed: Array<{ id: string; address: string; connections: number }> = [];
    while (listed.length < 2 && Date.now() < deadline) {
      const response = await fetch(`${a.httpUrl}/admin/nodes`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      listed = ((await response.json()) as { nodes: typeof listed }).nodes;
      if (listed.length < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(listed).toHaveLength(2);
    expect(listed.every((node) => typeof node.address === 'string' && node.connections >= 0)).toBe(true);
    const refused = await fetch(`${b.httpUrl}/admin/nodes`, {
      headers: { authorization: `Bearer ${await b.login('alice')}` },
    });
    expect(refused.status).toBe(403);
    // The gauge is this node's count at its last beat, which may be from before b's first record: polled too.
    await waitFor(
      async () => /^pulse_cluster_nodes 2$/m.test(await metric(a, 'pulse_cluster_nodes')),
      'pulse_cluster_nodes 2',
    );
  });

  it('refuses to boot with REDIS_URL pointing at a cluster node, naming REDIS_CLUSTER_NODES', async () => {
    const config = loadConfig({
      REDIS_URL: `redis://127.0.0.1:${cluster.nodes[0]?.port}`,
      LOG_LEVEL: 'silent',
      WEB_DIST_DIR: 'tmp/no-web',
    });
    await expect(createApp(config)).rejects.toThrow(/cluster_enabled:1.*REDIS_CLUSTER_NODES/);
  });

  it('reports not ready and Redis down while a shard without a replica is gone, and counts the failures', async () => {
    const [a] = nodes;
    expect((await fetch(`${a.httpUrl}/readyz`)).status).toBe(200);
    await cluster.kill(cluster.nodes[1]?.port ?? 0);
    const deadline = Date.now() + 20_000;
    while ((await fetch(`${a.httpUrl}/readyz`)).status !== 503 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${a.httpUrl}/readyz`)).status).toBe(503);
    expect(await metric(a, 'pulse_redis_up')).toMatch(/^pulse_redis_up 0$/m);
    expect(await metric(a, 'pulse_redis_errors_total')).toMatch(
      /^pulse_redis_errors_total\{command="ping"\} [1-9]/m,
    );
  });
});
