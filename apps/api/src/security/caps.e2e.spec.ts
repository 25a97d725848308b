import { CloseCode, ErrorCode } from '@pulse/protocol';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

/** Small caps, so each test reaches its cap in a few messages. 4 rooms fit the 3 default ticker symbols plus a game room. */
const CAPS = {
  MAX_ROOMS_PER_CONNECTION: '4',
  MAX_CONNECTIONS_PER_USER: '3',
  RATE_LIMIT_ROOM_CREATIONS_PER_MINUTE: '0',
};

describe('caps: rooms per connection, sockets per user, room creations per user', () => {
  let api: TestApp;
  const toClose: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    api = await startTestApp(CAPS);
  });

  afterAll(async () => {
    for (const client of toClose) await client.close();
    await api.close();
  });

  async function native(user: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    toClose.push(client);
    return client;
  }

  async function socketIo(user: string): Promise<SocketIoTestClient> {
    const client = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor(user));
    toClose.push(client);
    return client;
  }

  const connections = async () =>
    ((await (await fetch(`${api.httpUrl}/healthz`)).json()) as { connections: number }).connections;

  it('lets a connection into its 4th room, refuses the 5th with LIMIT_EXCEEDED, and the connection goes on', async () => {
    const alice = await native('alice');
    for (const room of ['r1', 'r2', 'r3', 'r4']) {
      alice.send({ type: 'join', room });
      await expect(alice.next('snapshot')).resolves.toMatchObject({ room });
    }
    alice.send({ type: 'join', room: 'r5', id: 'j5' });
    await expect(alice.next('error', (e) => e.id === 'j5')).resolves.toEqual({
      type: 'error',
      code: ErrorCode.LIMIT_EXCEEDED,
      message: 'at most 4 rooms per connection; leave one first',
      id: 'j5',
    });
    // a ticker subscription is a room too
    alice.send({ type: 'subscribe', symbol: 'ACME', id: 's1' });
    await expect(alice.next('error', (e) => e.id === 's1')).resolves.toMatchObject({
      code: ErrorCode.LIMIT_EXCEEDED,
    });
    // still a member of its rooms, and a leave makes room for another
    alice.send({ type: 'move', room: 'r4', x: 1, y: 1, id: 'm1' });
    await expect(alice.next('ack', (a) => a.id === 'm1')).resolves.toBeDefined();
    alice.send({ type: 'leave', room: 'r1' });
    alice.send({ type: 'join', room: 'r5' });
    await expect(alice.next('snapshot')).resolves.toMatchObject({ room: 'r5', self: 'alice' });
    expect(await alice.settle()).toEqual([]);
  });

  it('lets a user open its 3rd socket on either transport and refuses the 4th with 429; the open ones stay', async () => {
    const tabs = [await native('tabs'), await socketIo('tabs'), await native('tabs')];
    await expect(upgradeStatus(`${api.wsUrl}?ticket=${await api.ticketFor('tabs')}`)).resolves.toBe(429);
    await expect(SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('tabs'))).rejects.toMatchObject({
      data: { status: 429 },
    });
    // over long-polling the refusal's reason reaches the client too
    await expect(
      SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('tabs'), ['polling']),
    ).rejects.toMatchObject({
      data: { status: 429, reason: 'too-many-connections' },
    });
    // another user is not affected
    await native('other');
    // the open sockets still work
    expect((tabs[0] as TestClient).socket.readyState).toBe(1);
    await expect((tabs[2] as TestClient).settle()).resolves.toEqual([]);
    expect((tabs[1] as SocketIoTestClient).socket.connected).toBe(true);
    // closing one makes room for a new one
    const before = await connections();
    await (tabs[0] as TestClient).close();
    await waitFor(async () => (await connections()) === before - 1, 'the server to see the closed socket');
    await native('tabs');
  });

  it('admits exactly the cap when upgrades of one user arrive at once, on both transports', async () => {
    const tickets = await Promise.all(Array.from({ length: 6 }, () => api.ticketFor('burst')));
    const outcomes = await Promise.all(
      tickets.map((ticket, index) => (index % 2 === 0 ? nativeAttempt(ticket) : socketIoAttempt(ticket))),
    );
    expect(outcomes.filter((outcome) => outcome === 'open')).toHaveLength(3);
    // the others were refused at the upgrade, or (when they passed the check at the same time) closed with 4029
    expect(
      outcomes
        .filter((outcome) => outcome !== 'open')
        .every(
          (outcome) => outcome === 'refused 429' || outcome === `closed ${CloseCode.TOO_MANY_CONNECTIONS}`,
        ),
    ).toBe(true);
  });

  /** 'open' once a ping round trip proves the socket is served; otherwise how it was refused or closed. */
  async function nativeAttempt(ticket: string): Promise<string> {
    let client: TestClient;
    try {
      client = await TestClient.open(`${api.wsUrl}?ticket=${ticket}`);
    } catch (error) {
      return error instanceof Error && /upgrade answered 429/.test(error.message)
        ? 'refused 429'
        : String(error);
    }
    toClose.push(client);
    return Promise.race([
      client.settle().then(() => 'open'),
      client.closed.then(({ code }) => `closed ${code}`),
    ]);
  }

  async function socketIoAttempt(ticket: string): Promise<string> {
    let client: SocketIoTestClient;
    try {
      client = await SocketIoTestClient.connect(api.httpUrl, ticket);
    } catch (error) {
      return (error as { data?: { status?: number } }).data?.status === 429 ? 'refused 429' : String(error);
    }
    toClose.push(client);
    const closed = new Promise<string>((resolve) =>
      client.socket.once('close', ({ code }: { code: number }) => resolve(`closed ${code}`)),
    );
    client.emit({ type: 'ping', t: 1 });
    return Promise.race([client.next('pong').then(() => 'open'), closed]);
  }
});

describe('cap: room creations per user (a token bucket)', () => {
  let api: TestApp;
  const toClose: Array<{ close(): unknown }> = [];

  // 2 a minute: the budget comes back one room every 30 s, far longer than the test takes
  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_ROOM_CREATIONS_PER_MINUTE: '2' });
  });

  afterAll(async () => {
    for (const client of toClose) await client.close();
    await api.close();
  });

  it("spends a user's budget only on new rooms, across its connections, and refuses the next one before it exists", async () => {
    const holder = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('holder')}`);
    const native = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('churner')}`);
    const sio = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('churner'));
    toClose.push(holder, native, sio);
    holder.send({ type: 'join', room: 'existing' });
    await holder.next('snapshot');

    // two rooms created and abandoned, one from each connection: the whole budget
    native.send({ type: 'join', room: 'churn-1' });
    await expect(native.next('snapshot')).resolves.toMatchObject({ room: 'churn-1' });
    native.send({ type: 'leave', room: 'churn-1' });
    await expect(sio.emitWithAck({ room: 'churn-2', id: 's2' }, 'join')).resolves.toEqual({
      type: 'ack',
      id: 's2',
    });
    sio.emit({ type: 'leave', room: 'churn-2' });

    native.send({ type: 'join', room: 'churn-3', id: 'j3' });
    await expect(native.next('error', (e) => e.id === 'j3')).resolves.toEqual({
      type: 'error',
      code: ErrorCode.LIMIT_EXCEEDED,
      message: expect.stringMatching(
        /^at most 2 new rooms per minute; retry in \d+ s or join an existing room$/,
      ),
      id: 'j3',
    });
    await expect(sio.emitWithAck({ room: 'churn-4', id: 's4' }, 'join')).resolves.toMatchObject({
      type: 'error',
      code: ErrorCode.LIMIT_EXCEEDED,
      id: 's4',
    });

    // nothing was created for the refused join: the next user in churn-3 finds only itself there
    const witness = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('witness')}`);
    toClose.push(witness);
    witness.send({ type: 'join', room: 'churn-3' });
    const snapshot = await witness.next('snapshot');
    expect(snapshot.players.map((player) => player.id)).toEqual(['witness']);

    // a room that already has a member on this node creates nothing, so it costs nothing; both connections stay
    native.send({ type: 'join', room: 'existing' });
    await expect(native.next('snapshot')).resolves.toMatchObject({ room: 'existing' });
    await expect(sio.emitWithAck({ room: 'existing', id: 's5' }, 'join')).resolves.toEqual({
      type: 'ack',
      id: 's5',
    });
    expect(await native.settle()).toEqual([]);
  });
});
