import type { ServerMessage, ServerMessageOf } from '@pulse/protocol';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { boardCell, cellIndex } from '../testing/board-cells';

type Move = ServerMessageOf<'move'>;

function movesIn(received: ServerMessage[]): Move[] {
  return received.filter((m): m is Move => m.type === 'move');
}

describe('per-tick batching (opt-in per connection)', () => {
  let api: TestApp;
  const clients: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_MESSAGES_PER_SECOND: '0' });
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await api.close();
  });

  async function member(user: string, room: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor(user)}`);
    clients.push(client);
    client.send({ type: 'join', room });
    await client.next('snapshot');
    return client;
  }

  it('sends a tick’s events as one `batch`, in seq order, and nothing is lost or duplicated', async () => {
    const watcher = await member('batch-watcher', 'batched');
    const plain = await member('plain-watcher', 'batched');
    const mover = await member('batch-mover', 'batched');
    watcher.send({ type: 'batching', hz: 5, id: 'b-on' });
    await expect(watcher.next('ack')).resolves.toEqual({ type: 'ack', id: 'b-on' });

    for (let n = 0; n < 40; n++) mover.send({ type: 'move', room: 'batched', ...boardCell(n) });
    await mover.settle();
    await plain.settle();
    await watcher.settle();

    expect(watcher.batchFrames).toBeGreaterThanOrEqual(1);
    expect(watcher.batchFrames).toBeLessThan(40);
    const batched = movesIn(watcher.received);
    const direct = movesIn(plain.received);
    expect(batched.map(cellIndex)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(batched.map((move) => move.seq)).toEqual(direct.map((move) => move.seq));
    expect(plain.batchFrames).toBe(0);
  });

  it('keeps the answers to the client’s own messages in order with the events around them', async () => {
    const client = await member('batch-order', 'ordered');
    const mover = await member('batch-order-mover', 'ordered');
    client.send({ type: 'batching', hz: 10 });
    mover.send({ type: 'move', room: 'ordered', x: 1, y: 1 });
    await mover.settle();
    client.send({ type: 'ping', t: 7 });
    client.send({ type: 'move', room: 'ordered', x: 2, y: 2, id: 'own' });
    client.send({ type: 'ping', t: 8 });
    await client.next('pong', (pong) => pong.t === 8);
    const tail = client.received.slice(-4).map((m) => (m.type === 'pong' ? `pong ${m.t}` : m.type));
    expect(tail).toEqual(['move', 'pong 7', 'ack', 'pong 8']);
    expect(client.batchFrames).toBeGreaterThanOrEqual(1);
  });

  it('turns off with hz 0: later events arrive one frame each', async () => {
    const client = await member('batch-off', 'off');
    const mover = await member('batch-off-mover', 'off');
    client.send({ type: 'batching', hz: 20 });
    client.send({ type: 'batching', hz: 0, id: 'off' });
    await client.next('ack');
    for (let x = 0; x < 5; x++) mover.send({ type: 'move', room: 'off', x, y: 0 });
    await mover.settle();
    await client.settle();
    expect(client.batchFrames).toBe(0);
    expect(movesIn(client.received).map((move) => move.x)).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a rate out of range with INVALID_MESSAGE and keeps the connection', async () => {
    const client = await member('batch-bad', 'bad');
    client.send({ type: 'batching', hz: 1000, id: 'too-fast' });
    await expect(client.next('error')).resolves.toMatchObject({ code: 'INVALID_MESSAGE', id: 'too-fast' });
    await expect(client.settle()).resolves.toEqual([]);
  });

  it('is refused over Socket.IO, which frames its own packets', async () => {
    const sio = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('batch-sio'));
    clients.push(sio);
    await expect(sio.emitWithAck({ type: 'batching', hz: 30, id: 'sio' }, 'batching')).resolves.toMatchObject(
      { type: 'error', code: 'INVALID_MESSAGE', id: 'sio' },
    );
  });
});
