import { PulseSocketIo } from '@pulse/gateway';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { TestClient } from '../testing/test-client';

describe('Socket.IO transport', () => {
  let api: TestApp;
  const toClose: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    for (const client of toClose) await client.close();
    await api.close();
  });

  async function socketIo(user: string, transports: Array<'polling' | 'websocket'> = ['websocket']) {
    const client = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor(user), transports);
    toClose.push(client);
    return client;
  }

  it('refuses a missing, made-up or reused ticket at the handshake (401), before any session exists', async () => {
    await expect(SocketIoTestClient.connect(api.httpUrl, undefined, ['polling'])).rejects.toMatchObject({
      message: 'unauthorized',
      data: { status: 401, reason: 'ticket-missing' },
    });
    await expect(SocketIoTestClient.connect(api.httpUrl, undefined)).rejects.toMatchObject({
      data: { status: 401 },
    });
    await expect(SocketIoTestClient.connect(api.httpUrl, 'made-up')).rejects.toMatchObject({
      data: { status: 401 },
    });
    const ticket = await api.ticketFor('alice');
    const first = await SocketIoTestClient.connect(api.httpUrl, ticket);
    first.close();
    await expect(SocketIoTestClient.connect(api.httpUrl, ticket, ['polling'])).rejects.toMatchObject({
      data: { reason: 'ticket-invalid' },
    });
  });

  it('lets a native client and a Socket.IO client in one room see each other move', async () => {
    const native = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    toClose.push(native);
    native.send({ type: 'join', room: 'mixed' });
    await native.next('snapshot');

    const sio = await socketIo('bob');
    sio.emit({ type: 'join', room: 'mixed' });
    await expect(sio.next('snapshot')).resolves.toMatchObject({
      type: 'snapshot',
      room: 'mixed',
      self: 'bob',
    });
    await expect(native.next('presence')).resolves.toMatchObject({ player: 'bob', status: 'online' });

    native.send({ type: 'move', room: 'mixed', x: 1, y: 2 });
    await expect(sio.next('move')).resolves.toMatchObject({ type: 'move', player: 'alice', x: 1, y: 2 });
    sio.emit({ type: 'move', room: 'mixed', x: 3, y: 4 });
    await expect(native.next('move')).resolves.toMatchObject({ player: 'bob', x: 3, y: 4 });
  });

  it('answers invalid events with an error event and through the ack callback, and keeps the socket', async () => {
    const sio = await socketIo('carol');
    sio.socket.emit('teleport', { room: 'x' });
    await expect(sio.next('error')).resolves.toMatchObject({ code: 'UNKNOWN_TYPE' });
    await expect(
      sio.emitWithAck({ room: 'nowhere', x: 'far', y: 1, id: 'm1' }, 'move'),
    ).resolves.toMatchObject({
      type: 'error',
      code: 'INVALID_MESSAGE',
      id: 'm1',
    });
    await expect(sio.emitWithAck({ room: 'nowhere', x: 1, y: 1, id: 'm2' }, 'move')).resolves.toMatchObject({
      type: 'error',
      code: 'NOT_IN_ROOM',
      id: 'm2',
    });
    await expect(sio.emitWithAck({ room: 'acked', id: 'j1' }, 'join')).resolves.toEqual({
      type: 'ack',
      id: 'j1',
    });
    await expect(sio.emitWithAck({ t: 5 }, 'ping')).resolves.toBeUndefined();
    await expect(sio.next('pong')).resolves.toEqual({ type: 'pong', t: 5 });
    expect(sio.socket.connected).toBe(true);
  });

  it('works over long-polling only', async () => {
    const polling = await socketIo('dave', ['polling']);
    polling.emit({ type: 'join', room: 'polling' });
    await expect(polling.next('snapshot')).resolves.toMatchObject({ self: 'dave' });
    expect(polling.socket.io.engine.transport.name).toBe('polling');
  });

  it('still answers unknown upgrade paths with 404 and leaves /ws working', async () => {
    const status = await new Promise<number>((resolve) => {
      import('ws').then(({ WebSocket }) => {
        const socket = new WebSocket(api.wsUrl.replace('/ws', '/nope'));
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('error', () => resolve(-1));
      });
    });
    expect(status).toBe(404);
  });
});

describe('Socket.IO across nodes', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: 'socket-io-cluster-secret-long-enough' };
    nodes = await Promise.all([startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  it('lets a native client on node A and a Socket.IO client on node B see each other', async () => {
    const [a, b] = nodes;
    const native = await TestClient.open(`${a.wsUrl}?ticket=${await a.ticketFor('alice')}`);
    native.send({ type: 'join', room: 'x-transport' });
    await native.next('snapshot');
    const sio = await SocketIoTestClient.connect(b.httpUrl, await b.ticketFor('bob'));
    sio.emit({ type: 'join', room: 'x-transport' });
    await sio.next('snapshot');
    native.send({ type: 'move', room: 'x-transport', x: 7, y: 7 });
    await expect(sio.next('move')).resolves.toMatchObject({ player: 'alice', x: 7, y: 7 });
    sio.emit({ type: 'move', room: 'x-transport', x: 8, y: 8 });
    await expect(native.next('move')).resolves.toMatchObject({ player: 'bob', x: 8, y: 8 });
    sio.close();
    await expect(
      native.next('presence', (m) => m.player === 'bob' && m.status === 'offline'),
    ).resolves.toMatchObject({ seq: expect.any(Number) });
    await native.close();
  });

  it("serves Socket.IO's own cross-node APIs over the Redis adapter (fetchSockets, to(room).emit, serverSideEmit): Pulse rooms are Socket.IO rooms, sockets carry their user", async () => {
    const [a, b] = nodes;
    const carol = await SocketIoTestClient.connect(a.httpUrl, await a.ticketFor('carol'));
    const dave = await SocketIoTestClient.connect(b.httpUrl, await b.ticketFor('dave'));
    carol.emit({ type: 'join', room: 'shared' });
    dave.emit({ type: 'join', room: 'shared' });
    await Promise.all([carol.next('snapshot'), dave.next('snapshot')]);

    const server = a.app.get(PulseSocketIo).server;
    const members = await server.in('shared').fetchSockets();
    expect(members.map((socket) => socket.data.user.id).sort()).toEqual(['carol', 'dave']);

    const announced = new Promise((resolve) => dave.socket.once('announcement', resolve));
    server.to('shared').emit('announcement', { text: 'from node A' });
    await expect(announced).resolves.toEqual({ text: 'from node A' });

    const heardOnB = new Promise((resolve) => b.app.get(PulseSocketIo).server.once('hello', resolve));
    server.serverSideEmit('hello', { from: 'node A' });
    await expect(heardOnB).resolves.toEqual({ from: 'node A' });

    await expect(dave.emitWithAck({ room: 'shared', id: 'l1' }, 'leave')).resolves.toEqual({
      type: 'ack',
      id: 'l1',
    });
    await expect(
      server
        .in('shared')
        .fetchSockets()
        .then((sockets) => sockets.map((socket) => socket.data.user.id)),
    ).resolves.toEqual(['carol']);
    carol.close();
    dave.close();
  });
});
