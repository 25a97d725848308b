import { LobbyPaths, type RoomsResponse } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

const SECRET = 'lobby-test-secret-that-is-long-enough-7';

async function rooms(node: TestApp, user = 'carol'): Promise<RoomsResponse['rooms']> {
  const response = await fetch(`${node.httpUrl}${LobbyPaths.rooms}`, {
    headers: { authorization: `Bearer ${await node.login(user)}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as RoomsResponse).rooms;
}

describe.each([
  ['on one node, in memory', false],
  ['across two nodes, over Redis', true],
])('GET /rooms %s', (_name, overRedis) => {
  let redis: TestRedisServer | undefined;
  let nodeA: TestApp;
  let nodeB: TestApp;
  const clients: TestClient[] = [];

  async function join(node: TestApp, user: string, room: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    client.send({ type: 'join', room });
    await client.next('snapshot');
    return client;
  }

  beforeAll(async () => {
    redis = overRedis ? await startRedisServer() : undefined;
    const env = { JWT_SECRET: SECRET, ...(redis ? { REDIS_URL: redis.url } : {}) };
    nodeA = await startTestApp(env);
    nodeB = overRedis ? await startTestApp(env) : nodeA;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await nodeA.close();
    if (nodeB !== nodeA) await nodeB.close();
    await redis?.stop();
  });

  it('needs a bearer token', async () => {
    expect((await fetch(`${nodeA.httpUrl}${LobbyPaths.rooms}`)).status).toBe(401);
    const forged = await fetch(`${nodeA.httpUrl}${LobbyPaths.rooms}`, {
      headers: { authorization: 'Bearer not-a-jwt' },
    });
    expect(forged.status).toBe(401);
  });

  it('lists the rooms with their online players, counted on every node, busiest first', async () => {
    await join(nodeA, 'alice', 'arena');
    const bobTab1 = await join(nodeB, 'bob', 'arena');
    const bobTab2 = await join(nodeA, 'bob', 'arena');
    await join(nodeB, 'dave', 'den');
    const expected = [
      { name: 'arena', online: 2 },
      { name: 'den', online: 1 },
    ];
    expect(await rooms(nodeA)).toEqual(expected);
    expect(await rooms(nodeB)).toEqual(expected);

    await bobTab1.close();
    await bobTab2.close();
    await waitFor(
      async () => (await rooms(nodeA)).find((room) => room.name === 'arena')?.online === 1,
      'bob to leave the count',
    );
    expect(await rooms(nodeB)).toEqual([
      { name: 'arena', online: 1 },
      { name: 'den', online: 1 },
    ]);
  });
});
