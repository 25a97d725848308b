import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { io as connectSocketIo } from 'socket.io-client';
import { WebSocket } from 'ws';
import { PulseAdapter } from './pulse.adapter';
import { PulseSocketIo } from './socket-io/pulse-socket-io';
import { startTransportKit, type TransportKit } from './testing/transport-kit';

describe('PulseAdapter', () => {
  let kit: TransportKit;
  let app: INestApplication;
  let port: number;
  let appClosed = false;

  beforeAll(async () => {
    kit = await startTransportKit();
    app = kit.app();
    app.useWebSocketAdapter(new PulseAdapter(app));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    if (!appClosed) await kit.close();
  });

  function upgradeStatus(path: string): Promise<number> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    return new Promise((resolve) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => (socket.close(), resolve(101)));
    });
  }

  it('routes upgrades by path: the gateways at /ws behind the gate, 404 for a path nothing serves', async () => {
    await expect(upgradeStatus(`/ws?ticket=${await kit.ticketFor('alice')}`)).resolves.toBe(101);
    await expect(upgradeStatus('/ws?ticket=made-up')).resolves.toBe(401);
    await expect(upgradeStatus(`/nope?ticket=${await kit.ticketFor('bob')}`)).resolves.toBe(404);
  });

  it('serves Socket.IO on the same HTTP server, behind the same gate, and hands the server to PulseSocketIo', async () => {
    const socket = connectSocketIo(`http://127.0.0.1:${port}`, {
      query: { ticket: await kit.ticketFor('carol') },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) =>
      socket.once('connect', () => resolve()).once('connect_error', reject),
    );
    const members = await app.get(PulseSocketIo).server.fetchSockets();
    expect(members.map((member) => member.data.user.id)).toEqual(['carol']);
    socket.close();
  });

  it('closes native clients with 1001 when the app shuts down', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?ticket=${await kit.ticketFor('dave')}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    appClosed = true;
    await app.close();
    await expect(closed).resolves.toBe(1001);
  });
});
