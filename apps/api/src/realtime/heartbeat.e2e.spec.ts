import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

describe('heartbeat', () => {
  let api: TestApp;

  beforeAll(async () => {
    // A terminated socket is a drop: its player goes offline once the presence grace (shortened here) is over.
    api = await startTestApp({ HEARTBEAT_INTERVAL_MS: '150', PRESENCE_GRACE_MS: '500' });
  });

  afterAll(() => api.close());

  it('terminates a socket that does not answer pings and takes its player offline', async () => {
    const watcher = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    watcher.send({ type: 'join', room: 'hb' });
    await watcher.next('snapshot');

    const zombie = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('bob')}`, {
      autoPong: false,
    });
    zombie.send({ type: 'join', room: 'hb' });
    await zombie.next('snapshot');
    await watcher.next('presence', (m) => m.player === 'bob' && m.status === 'online');

    const { code } = await zombie.closed;
    expect(code).toBe(1006);
    const closedAt = Date.now();
    await expect(watcher.next('presence')).resolves.toMatchObject({ player: 'bob', status: 'offline' });
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(300);
    await watcher.close();
  });

  it('keeps a socket that answers pings open across many rounds', async () => {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('carol')}`);
    let pings = 0;
    await new Promise<void>((resolve) => {
      client.socket.on('ping', () => {
        if (++pings === 5) resolve();
      });
    });
    await expect(client.settle()).resolves.toEqual([]);
    await client.close();
  });

  it('counts inbound messages as a sign of life', async () => {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('dave')}`, {
      autoPong: false,
    });
    let pings = 0;
    await new Promise<void>((resolve) => {
      client.socket.on('ping', () => {
        client.send({ type: 'ping', t: pings });
        if (++pings === 5) resolve();
      });
    });
    await expect(client.next('pong', (m) => m.t === 4)).resolves.toEqual({ type: 'pong', t: 4 });
    await client.close();
  });
});
