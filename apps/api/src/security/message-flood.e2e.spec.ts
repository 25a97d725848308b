import { CloseCode } from '@pulse/protocol';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { RawWebSocket } from './testing/raw-websocket';

const FLOOD_FRAMES = 5000;

/** Round-trip times of `count` app-level pings, one after the other, paced under the default budget (50/s). */
async function pingTimes(client: TestClient, count: number, until?: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count || (until && !until()); i++) {
    const started = performance.now();
    await client.settle();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('message budget per connection (defaults: 50/s, bursts of 100)', () => {
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

  it('answers a flood with RATE_LIMITED, then closes it with 4008, while another client keeps its latency', async () => {
    const calm = await native('bob');
    const before = await pingTimes(calm, 10);

    const flooder = await RawWebSocket.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    let flooderGone = false;
    void flooder.ended.then(() => (flooderGone = true));
    const during = pingTimes(calm, 5, () => flooderGone);
    flooder.write(RawWebSocket.textFrames(Array.from({ length: FLOOD_FRAMES }, (_, i) => JSON.stringify({ type: 'ping', t: i }))));
    await flooder.ended;

    const answers = flooder.texts().map((text) => JSON.parse(text) as { type: string; code?: string });
    // the burst (100) is served, plus what the budget refills while the flood is read; the rest is refused
    const pongs = answers.filter((answer) => answer.type === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(100);
    expect(pongs).toBeLessThan(FLOOD_FRAMES / 20);
    expect(answers).toContainEqual({ type: 'error', code: 'RATE_LIMITED', message: 'too many messages; slow down' });
    expect(flooder.closeCode()).toBe(CloseCode.RATE_LIMIT_EXCEEDED);

    const times = await during;
    expect(Math.max(...times)).toBeLessThan(250);
    expect(median(times)).toBeLessThan(median(before) + 25);
    expect(calm.received.some((m) => m.type === 'error')).toBe(false);
  });

  it('lets a 30 Hz client through untouched', async () => {
    const player = await native('carol');
    player.send({ type: 'join', room: 'thirty-hz' });
    await player.next('snapshot');
    for (let i = 0; i < 45; i++) {
      player.send({ type: 'move', room: 'thirty-hz', x: i % 30, y: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1000 / 30));
    }
    expect(await player.settle()).toEqual([]);
  });

  it('applies the same budget over Socket.IO', async () => {
    const sio = await SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('dave'));
    toClose.push(sio);
    const closed = new Promise<unknown>((resolve) => sio.socket.on('close', resolve));
    for (let i = 0; i < 1000; i++) sio.emit({ type: 'ping', t: i });
    await expect(sio.next('error', (m) => m.code === 'RATE_LIMITED')).resolves.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(closed).resolves.toEqual({ code: CloseCode.RATE_LIMIT_EXCEEDED, reason: 'message flood' });
  });
});
