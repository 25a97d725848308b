import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

/** The three-player timeline of the seed notes, over real sockets against the real app, on both stores. */
describe.each(['in memory', 'over Redis'])('game timeline (A, B, C), %s', (mode) => {
  let api: TestApp;
  let redis: TestRedisServer | undefined;
  const clients: TestClient[] = [];

  async function connect(user: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    clients.push(client);
    return client;
  }

  async function join(user: string, room: string) {
    const client = await connect(user);
    client.send({ type: 'join', room });
    const snapshot = await client.next('snapshot');
    return { client, snapshot };
  }

  beforeAll(async () => {
    redis = mode === 'over Redis' ? await startRedisServer() : undefined;
    api = await startTestApp(redis ? { REDIS_URL: redis.url } : {});
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await api.close();
    await redis?.stop();
  });

  it('plays out the timeline of the notes', async () => {
    // Step 0: A, B and C join; each joiner gets a snapshot, the others see them come online.
    const a = await join('alice', 'r1');
    expect(a.snapshot).toMatchObject({ type: 'snapshot', room: 'r1', self: 'alice' });
    expect(a.snapshot.players.map((p) => p.id)).toEqual(['alice']);

    const b = await join('bob', 'r1');
    expect(b.snapshot.players.map((p) => p.id)).toEqual(['alice', 'bob']);
    await expect(a.client.next('presence')).resolves.toMatchObject({ player: 'bob', status: 'online' });

    const c = await join('carol', 'r1');
    await expect(a.client.next('presence')).resolves.toMatchObject({ player: 'carol', status: 'online' });
    await expect(b.client.next('presence')).resolves.toMatchObject({ player: 'carol', status: 'online' });

    // Step 1: A moves; B and C see it, A gets no echo.
    a.client.send({ type: 'move', room: 'r1', x: 10, y: 20 });
    const seenByB = await b.client.next('move');
    expect(seenByB).toEqual({
      type: 'move',
      room: 'r1',
      player: 'alice',
      x: 10,
      y: 20,
      seq: expect.any(Number),
    });
    await expect(c.client.next('move')).resolves.toEqual(seenByB);
    expect(await a.client.settle()).toEqual([]);

    // Step 2: B moves; A and C see it.
    b.client.send({ type: 'move', room: 'r1', x: 5, y: 15 });
    const bMove = await a.client.next('move');
    expect(bMove).toMatchObject({ player: 'bob', x: 5, y: 15 });
    expect(bMove.seq).toBeGreaterThan(seenByB.seq);
    await expect(c.client.next('move')).resolves.toMatchObject({ player: 'bob', x: 5, y: 15 });

    // Step 3: C disconnects; A and B see C offline.
    await c.client.close();
    await expect(a.client.next('presence')).resolves.toMatchObject({ player: 'carol', status: 'offline' });
    await expect(b.client.next('presence')).resolves.toMatchObject({ player: 'carol', status: 'offline' });

    // Step 4: A moves again; B sees it.
    a.client.send({ type: 'move', room: 'r1', x: 11, y: 21 });
    await expect(b.client.next('move')).resolves.toMatchObject({ player: 'alice', x: 11, y: 21 });

    // Step 5: C comes back with a new ticket; its snapshot holds everyone's latest position.
    const back = await join('carol', 'r1');
    const byId = Object.fromEntries(back.snapshot.players.map((p) => [p.id, p]));
    expect(byId['alice']).toMatchObject({ x: 11, y: 21, online: true });
    expect(byId['bob']).toMatchObject({ x: 5, y: 15, online: true });
    expect(byId['carol']).toMatchObject({ online: true });
    await expect(a.client.next('presence')).resolves.toMatchObject({ player: 'carol', status: 'online' });
  });

  it('lets several tabs steer one player and takes it offline only when the last tab goes', async () => {
    const watcher = await join('dave', 'tabs');
    const tab1 = await join('alice', 'tabs');
    await watcher.client.next('presence', (m) => m.player === 'alice' && m.status === 'online');
    const tab2 = await join('alice', 'tabs');

    tab2.client.send({ type: 'move', room: 'tabs', x: 3, y: 3 });
    await expect(tab1.client.next('move')).resolves.toMatchObject({ player: 'alice', x: 3, y: 3 });
    await expect(watcher.client.next('move')).resolves.toMatchObject({ player: 'alice', x: 3, y: 3 });

    await tab1.client.close();
    expect(await watcher.client.settle()).toEqual([]);
    await tab2.client.close();
    await expect(watcher.client.next('presence')).resolves.toMatchObject({
      player: 'alice',
      status: 'offline',
    });
  });

  it('announces an explicit leave as offline and stops delivering the room to the leaver', async () => {
    const a = await join('alice', 'leaving');
    const b = await join('bob', 'leaving');
    await a.client.next('presence', (m) => m.player === 'bob');
    b.client.send({ type: 'leave', room: 'leaving', id: 'l1' });
    await expect(b.client.next('ack')).resolves.toEqual({ type: 'ack', id: 'l1' });
    await expect(a.client.next('presence')).resolves.toMatchObject({ player: 'bob', status: 'offline' });
    a.client.send({ type: 'move', room: 'leaving', x: 1, y: 1 });
    await a.client.settle();
    expect(await b.client.settle()).toEqual([]);
  });
});
