import { GAME_BOARD } from '@pulse/protocol';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

describe('the board, owned by the server', () => {
  let api: TestApp;
  let native: TestClient;
  let sio: SocketIoTestClient;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_MESSAGES_PER_SECOND: '0' });
    native = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    sio = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('bob'));
  });

  afterAll(async () => {
    await native.close();
    sio.close();
    await api.close();
  });

  it('names the board in the snapshot, on both transports', async () => {
    native.send({ type: 'join', room: 'bounds' });
    await expect(native.next('snapshot')).resolves.toMatchObject({
      board: { width: GAME_BOARD.width, height: GAME_BOARD.height },
    });
    sio.emit({ type: 'join', room: 'bounds' });
    await expect(sio.next('snapshot')).resolves.toMatchObject({ board: { width: 32, height: 24 } });
    await native.next('presence', (m) => m.player === 'bob' && m.status === 'online');
  });

  it.each([
    ['past the right edge', GAME_BOARD.width, 0],
    ['above the top', 0, -1],
    ['below the bottom', 3, GAME_BOARD.height],
    ['between cells', 2.5, 3],
  ])('refuses a move %s with INVALID_MESSAGE and tells nobody (native WebSocket)', async (_where, x, y) => {
    native.send({ type: 'move', room: 'bounds', x, y, id: `off-${x}-${y}` });
    await expect(native.next('error', (e) => e.id === `off-${x}-${y}`)).resolves.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    native.send({ type: 'move', room: 'bounds', x: 1, y: 1, id: `on-${x}-${y}` });
    await expect(native.next('ack', (a) => a.id === `on-${x}-${y}`)).resolves.toMatchObject({ type: 'ack' });
    await expect(sio.next('move', (m) => m.player === 'alice')).resolves.toMatchObject({ x: 1, y: 1 });
  });

  it('refuses an off-board move over Socket.IO too, through the ack callback, and keeps the last position', async () => {
    await expect(
      sio.emitWithAck({ type: 'move', room: 'bounds', x: 31, y: 24, id: 's-off' }, 'move'),
    ).resolves.toMatchObject({
      type: 'error',
      code: 'INVALID_MESSAGE',
      id: 's-off',
      message: expect.stringContaining('"y"'),
    });
    await expect(
      sio.emitWithAck({ type: 'move', room: 'bounds', x: 31, y: 23, id: 's-on' }, 'move'),
    ).resolves.toMatchObject({ type: 'ack', id: 's-on' });
    await expect(native.next('move', (m) => m.player === 'bob')).resolves.toMatchObject({ x: 31, y: 23 });
    const viewer = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('carol')}`);
    viewer.send({ type: 'join', room: 'bounds' });
    const snapshot = await viewer.next('snapshot');
    await viewer.close();
    expect(snapshot.players.find((p) => p.id === 'bob')).toMatchObject({ x: 31, y: 23 });
  });
});
