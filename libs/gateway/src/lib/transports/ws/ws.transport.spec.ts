import { decodeBinaryServerMessage, MSGPACK_PROTOCOL } from '@pulse/protocol';
import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { connectionOf } from '../../connection/connection-of';
import { ConnectionRegistry } from '../../connection/connection-registry';
import { ConnectionHooks } from '../../dispatch/handlers/connection-hooks';
import { GatewayRoutes } from '../gateway-routes';
import { listenOnFreePort, startTransportKit, type TransportKit } from '../testing/transport-kit';
import { UpgradeGates } from '../upgrade-gates';
import { WsTransport } from './ws.transport';

class RecordingGateway {
  readonly events: string[] = [];
  private disconnects: Array<() => void> = [];

  /** Resolves at the next `handleDisconnect`: by then the transport has released the connection. */
  nextDisconnect(): Promise<void> {
    return new Promise((resolve) => this.disconnects.push(resolve));
  }
  handleConnection(client: object, request: IncomingMessage): void {
    this.events.push(`connected ${connectionOf(client)?.user.id} ${request.url}`);
  }
  handleDisconnect(client: object): void {
    this.events.push(`disconnected ${connectionOf(client)?.user.id}`);
    for (const resolve of this.disconnects.splice(0)) resolve();
  }
}

describe('WsTransport', () => {
  let kit: TransportKit;
  let http: Awaited<ReturnType<typeof listenOnFreePort>>;
  let wss: WebSocketServer;
  const gateway = new RecordingGateway();

  beforeAll(async () => {
    kit = await startTransportKit();
    const transport = kit.get(WsTransport);
    wss = new WebSocketServer({
      noServer: true,
      ...transport.serverSettings(kit.get(UpgradeGates).gateFor()),
    });
    const { handlers } = kit.get(GatewayRoutes).forPath('/ws');
    transport.serve(wss, { handlers, hooks: new ConnectionHooks([gateway]) });
    http = await listenOnFreePort((request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)),
    );
  });

  afterAll(async () => {
    wss.close();
    await http.close();
    await kit.close();
  });

  function open(query: string, protocols?: string[]): Promise<WebSocket> {
    const socket = new WebSocket(`ws://127.0.0.1:${http.port}/ws${query}`, protocols);
    return new Promise((resolve, reject) => socket.once('open', () => resolve(socket)).once('error', reject));
  }

  function refusal(query: string, protocols?: string[]): Promise<number> {
    const socket = new WebSocket(`ws://127.0.0.1:${http.port}/ws${query}`, protocols);
    return new Promise((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('opened')));
    });
  }

  it('refuses, before the 101, a subprotocol it does not speak (400) and an upgrade the gate refuses (401)', async () => {
    await expect(refusal(`?ticket=${await kit.ticketFor('alice')}`, ['pulse.v0'])).resolves.toBe(400);
    await expect(refusal('?ticket=made-up')).resolves.toBe(401);
    const metrics = await kit.metrics();
    expect(metrics).toContain('pulse_upgrades_refused_total{reason="protocol-version"} 1');
    expect(metrics).toContain('pulse_upgrades_refused_total{reason="ticket-invalid"} 1');
    expect(kit.get(ConnectionRegistry).size).toBe(0);
  });

  it("serves an accepted socket with the route's handlers and hooks, and releases it when it closes", async () => {
    const ticket = await kit.ticketFor('bob');
    const socket = await open(`?ticket=${ticket}`);
    expect(gateway.events).toEqual([`connected bob /ws?ticket=${ticket}`]);
    expect([...kit.get(ConnectionRegistry).values()].map((c) => c.user.id)).toEqual(['bob']);
    const answer = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(JSON.stringify({ type: 'ping', t: 42 }));
    await expect(answer).resolves.toBe('{"type":"pong","t":42}');

    const released = gateway.nextDisconnect();
    socket.close(1000);
    await released;
    expect(kit.get(ConnectionRegistry).size).toBe(0);
    expect(gateway.events).toEqual([`connected bob /ws?ticket=${ticket}`, 'disconnected bob']);
    expect(await kit.metrics()).toContain('pulse_closes_total{code="1000"} 1');
  });

  it('speaks MessagePack to a client that offered pulse.v1.msgpack', async () => {
    const socket = await open(`?ticket=${await kit.ticketFor('carol')}`, [MSGPACK_PROTOCOL]);
    expect(socket.protocol).toBe(MSGPACK_PROTOCOL);
    const answer = new Promise<Buffer>((resolve) => socket.once('message', (data: Buffer) => resolve(data)));
    socket.send(JSON.stringify({ type: 'ping', t: 7 }));
    expect(decodeBinaryServerMessage(await answer)).toMatchObject({
      ok: true,
      message: { type: 'pong', t: 7 },
    });
    socket.close();
  });
});
