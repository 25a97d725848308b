import { LobbyPaths, type RoomsResponse } from '@pulse/protocol';
import { useNodePair } from '../testing/node-pair';
import type { TestApp } from '../testing/test-app';
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
  const nodes = useNodePair(overRedis, { JWT_SECRET: SECRET });
  const join = async (node: TestApp, user: string, room: string) =>
    (await nodes.join(node, user, room)).client;

  it('needs a bearer token', async () => {
    expect((await fetch(`${nodes.a.httpUrl}${LobbyPaths.rooms}`)).status).toBe(401);
    const forged = await fetch(`${nodes.a.httpUrl}${LobbyPaths.rooms}`, {
      headers: { authorization: 'Bearer not-a-jwt' },
    });
    expect(forged.status).toBe(401);
  });

  it('lists the rooms with their online players, counted on every node, busiest first', async () => {
    await join(nodes.a, 'alice', 'arena');
    const bobTab1 = await join(nodes.b, 'bob', 'arena');
    const bobTab2 = await join(nodes.a, 'bob', 'arena');
    await join(nodes.b, 'dave', 'den');
    const expected = [
      { name: 'arena', online: 2 },
      { name: 'den', online: 1 },
    ];
    expect(await rooms(nodes.a)).toEqual(expected);
    expect(await rooms(nodes.b)).toEqual(expected);

    await bobTab1.close();
    await bobTab2.close();
    await waitFor(
      async () => (await rooms(nodes.a)).find((room) => room.name === 'arena')?.online === 1,
      'bob to leave the count',
    );
    expect(await rooms(nodes.b)).toEqual([
      { name: 'arena', online: 1 },
      { name: 'den', online: 1 },
    ]);
  });
});
