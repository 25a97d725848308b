import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

describe('room policy: admin:* needs the role admin', () => {
  let api: TestApp;
  const toClose: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    api = await startTestApp();
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

  it('refuses a user without the role admin:lobby with FORBIDDEN, and the socket stays usable', async () => {
    const alice = await native('alice');
    alice.send({ type: 'join', room: 'admin:lobby', id: 'j1' });
    await expect(alice.next('error')).resolves.toEqual({
      type: 'error',
      code: 'FORBIDDEN',
      message: 'not allowed in this room',
      id: 'j1',
    });
    alice.send({ type: 'move', room: 'admin:lobby', x: 1, y: 1, id: 'm1' });
    await expect(alice.next('error')).resolves.toMatchObject({ code: 'FORBIDDEN', id: 'm1' });
    alice.send({ type: 'join', room: 'lobby' });
    await expect(alice.next('snapshot')).resolves.toMatchObject({ room: 'lobby', self: 'alice' });
    expect(await alice.settle()).toEqual([]);
  });

  it('lets dave (role admin) in, and keeps what happens there from the others', async () => {
    const dave = await native('dave');
    dave.send({ type: 'join', room: 'admin:lobby' });
    await expect(dave.next('snapshot')).resolves.toMatchObject({ room: 'admin:lobby', self: 'dave' });
    const bob = await native('bob');
    bob.send({ type: 'join', room: 'admin:lobby', id: 'j' });
    await expect(bob.next('error')).resolves.toMatchObject({ code: 'FORBIDDEN', id: 'j' });
    dave.send({ type: 'move', room: 'admin:lobby', x: 2, y: 3, id: 'd1' });
    await expect(dave.next('ack')).resolves.toMatchObject({ id: 'd1' });
    expect(await bob.settle()).toEqual([]);
  });

  it('refuses the same way over Socket.IO, through the ack callback, and keeps the connection', async () => {
    const carol = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('carol'));
    toClose.push(carol);
    await expect(carol.emitWithAck({ room: 'admin:lobby', id: 's1' }, 'join')).resolves.toEqual({
      type: 'error',
      code: 'FORBIDDEN',
      message: 'not allowed in this room',
      id: 's1',
    });
    await expect(carol.emitWithAck({ room: 'open-room', id: 's2' }, 'join')).resolves.toEqual({
      type: 'ack',
      id: 's2',
    });
    expect(carol.socket.connected).toBe(true);
  });
});
