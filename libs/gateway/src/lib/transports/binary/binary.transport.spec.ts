import { WebSocket } from 'ws';
import { ConnectionRegistry } from '../../connection/connection-registry';
import { listenOnFreePort, startTransportKit, type TransportKit } from '../testing/transport-kit';
import type { UpgradeGate } from '../upgrade-gate';
import { UpgradeGates } from '../upgrade-gates';
import type { BinaryConnection } from './binary-connection';
import { BinaryRoutes } from './binary-routes';
import { BinaryTransport } from './binary.transport';

describe('BinaryTransport', () => {
  let kit: TransportKit;
  let http: Awaited<ReturnType<typeof listenOnFreePort>>;
  let gate: UpgradeGate;
  const accepted: Array<{ user: string; path: string; admitted: string }> = [];

  beforeAll(async () => {
    kit = await startTransportKit({}, { rateLimits: { messagesPerSecond: 5, messageBurst: 5 } });
    gate = kit.get(UpgradeGates).gateFor();
    kit.get(BinaryRoutes).register<string>({
      prefix: '/echo/',
      admit: async (_user, path) =>
        path.startsWith('open-')
          ? { ok: true, admitted: `doc ${path}` }
          : { ok: false, status: 403, reason: 'document-forbidden' },
      accept: (connection: BinaryConnection, admitted) => {
        accepted.push({ user: connection.user.id, path: connection.path, admitted });
        connection.onFrame((data, overBudget) => {
          if (!overBudget) connection.sendBinary(data);
        });
      },
    });
    const transport = kit.get(BinaryTransport);
    http = await listenOnFreePort((request, socket, head) => {
      const pathname = new URL(request.url ?? '/', 'http://x').pathname;
      const route = transport.routeFor(pathname);
      if (route) void transport.upgrade(gate, route, pathname, request, socket, head);
      else socket.destroy();
    });
  });

  afterAll(async () => {
    await http.close();
    await kit.close();
  });

  function connect(path: string): Promise<WebSocket | number> {
    const socket = new WebSocket(`ws://127.0.0.1:${http.port}${path}`);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', reject);
    });
  }

  it("refuses before the 101 what the gate refuses (401) and what the route's admit refuses (its status)", async () => {
    await expect(connect('/echo/open-a?ticket=made-up')).resolves.toBe(401);
    await expect(connect(`/echo/secret?ticket=${await kit.ticketFor('alice')}`)).resolves.toBe(403);
    expect(await kit.metrics()).toContain('pulse_upgrades_refused_total{reason="document-forbidden"} 1');
    expect(accepted).toEqual([]);
  });

  it('hands the route an admitted connection, carries its frames, and releases it when it closes', async () => {
    const socket = (await connect(`/echo/open-notes?ticket=${await kit.ticketFor('bob')}`)) as WebSocket;
    expect(accepted).toEqual([{ user: 'bob', path: 'open-notes', admitted: 'doc open-notes' }]);
    const echoed = new Promise<Buffer>((resolve) => socket.once('message', (data: Buffer) => resolve(data)));
    socket.send(Uint8Array.of(1, 2, 3));
    expect([...(await echoed)]).toEqual([1, 2, 3]);
    expect(kit.get(ConnectionRegistry).size).toBe(1);
    const released = new Promise<string>((resolve) =>
      kit.get(ConnectionRegistry).onClose((connection, code) => resolve(`${connection.user.id} ${code}`)),
    );
    socket.close(1000);
    await expect(released).resolves.toBe('bob 1000');
    expect(kit.get(ConnectionRegistry).size).toBe(0);
  });

  it('closes a connection that floods its message budget with 4008', async () => {
    const socket = (await connect(`/echo/open-flood?ticket=${await kit.ticketFor('carol')}`)) as WebSocket;
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 200; i++) socket.ping();
    await expect(closed).resolves.toBe(4008);
  });
});
