import { io as connectSocketIo, type Socket as ClientSocket } from 'socket.io-client';
import { ConnectionRegistry } from '../../connection/connection-registry';
import { GatewayRoutes } from '../gateway-routes';
import { listenOnFreePort, startTransportKit, type TransportKit } from '../testing/transport-kit';
import { UpgradeGates } from '../upgrade-gates';
import { PulseSocketIo } from './pulse-socket-io';
import { SocketIoTransport } from './socket-io.transport';

describe('SocketIoTransport', () => {
  let kit: TransportKit;
  let http: Awaited<ReturnType<typeof listenOnFreePort>>;
  let transport: SocketIoTransport;
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    kit = await startTransportKit();
    http = await listenOnFreePort();
    transport = kit.get(SocketIoTransport);
    transport.listen(http.server, kit.get(UpgradeGates).gateFor(), kit.get(GatewayRoutes).all);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await transport.close();
    await http.close();
    await kit.close();
  });

  function connect(ticket: string): Promise<ClientSocket> {
    const socket = connectSocketIo(`http://127.0.0.1:${http.port}`, {
      query: { ticket },
      transports: ['websocket'],
      reconnection: false,
    });
    clients.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  it('serves one Socket.IO server, the one PulseSocketIo gives', () => {
    const first = kit.get(PulseSocketIo).server;
    expect(transport.listen(http.server, kit.get(UpgradeGates).gateFor(), kit.get(GatewayRoutes).all)).toBe(
      first,
    );
  });

  it('refuses a handshake the gate refuses', async () => {
    await expect(connect('made-up')).rejects.toThrow();
    expect(await kit.metrics()).toContain('pulse_upgrades_refused_total{reason="ticket-invalid"} 1');
  });

  it('dispatches each event as the message of its name, answers the ack, and releases the connection on disconnect', async () => {
    const socket = await connect(await kit.ticketFor('alice'));
    expect([...kit.get(ConnectionRegistry).values()].map((c) => [c.user.id, c.transport])).toEqual([
      ['alice', 'socket.io'],
    ]);
    const pong = new Promise((resolve) => socket.once('pong', resolve));
    socket.emit('ping', { t: 9 });
    await expect(pong).resolves.toEqual({ type: 'pong', t: 9 });
    await expect(socket.emitWithAck('teleport', {})).resolves.toMatchObject({
      type: 'error',
      code: 'UNKNOWN_TYPE',
    });

    const released = new Promise<string>((resolve) =>
      kit.get(ConnectionRegistry).onClose((connection, code) => resolve(`${connection.user.id} ${code}`)),
    );
    socket.disconnect();
    await expect(released).resolves.toBe('alice 1000');
  });

  it('stops serving on close: connected clients are disconnected', async () => {
    const socket = await connect(await kit.ticketFor('bob'));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await transport.close();
    await expect(disconnected).resolves.toEqual(expect.any(String));
    expect(() => transport.close()).not.toThrow();
  });
});
