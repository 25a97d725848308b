import { Logger, type INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { UpgradeAuthorizer } from '@pulse/auth';
import { CloseCode } from '@pulse/protocol';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { BinaryTransport } from './binary/binary.transport';
import { ConnectionAdmission } from './connection-admission';
import { GatewayRoutes } from './gateway-routes';
import { SocketIoTransport } from './socket-io/socket-io.transport';
import { SOCKET_IO_PATH } from './socket-io/socket-io.server';
import type { UpgradeGate } from './upgrade-gate';
import { UpgradeGates } from './upgrade-gates';
import { WsTransport } from './ws/ws.transport';

const SHUTDOWN_GRACE_MS = 1000;

/**
 * Nest's `WebSocketAdapter` for Pulse: both transports behind one set of gateways, native WebSocket at `/ws` (and
 * any path a gateway declares), Socket.IO at `/socket.io`, and the binary routes (`/collab/`). It composes the
 * pieces the gateway module provides: one `UpgradeGate` in front of every transport (around `authorizer`, the
 * ticket check by default), `WsTransport`, `SocketIoTransport` and `BinaryTransport`, and routes each HTTP upgrade
 * to the one its path names.
 */
export class PulseAdapter extends WsAdapter {
  private readonly log = new Logger('Transports');
  private readonly gate: UpgradeGate;
  private readonly routes: GatewayRoutes;
  private readonly admission: ConnectionAdmission;
  private readonly ws: WsTransport;
  private readonly socketIo: SocketIoTransport;
  private readonly binary: BinaryTransport;

  constructor(app: INestApplicationContext, authorizer?: UpgradeAuthorizer) {
    super(app);
    this.gate = app.get(UpgradeGates).gateFor(authorizer);
    this.routes = app.get(GatewayRoutes);
    this.admission = app.get(ConnectionAdmission);
    this.ws = app.get(WsTransport);
    this.socketIo = app.get(SocketIoTransport);
    this.binary = app.get(BinaryTransport);
  }

  override create(port: number, options?: Record<string, unknown>): WebSocketServer {
    const server: WebSocketServer = super.create(port, { ...options, ...this.ws.serverSettings(this.gate) });
    this.ws.serve(server, this.routes.forPath(options?.['path'] as string | undefined));
    this.socketIo.listen(this.httpServer as http.Server, this.gate, this.routes.all);
    return server;
  }

  /**
   * Nest hands each gateway's connection callback here. Pulse does not bind them: the transport calls the
   * gateways' `handleConnection`/`handleDisconnect` itself (`ConnectionHooks`), so a connection costs nothing
   * per gateway that has no hook.
   */
  override bindClientConnect(): void {
    return;
  }

  override bindClientDisconnect(): void {
    return;
  }

  /**
   * Nest binds each gateway's handlers to each new client here. Pulse serves every connection from one table
   * of handlers compiled at startup (`GatewayRoutes`), wired when the connection is accepted, so nothing per
   * client is kept from these.
   */
  override bindMessageHandlers(): void {
    return;
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('error', (error: Error) => this.log.error(`server error: ${error.message}`));
    return server;
  }

  /** Asks every client to go elsewhere (1001), then drops the ones that do not close in time. */
  override async close(server: WebSocketServer): Promise<void> {
    await this.admission.closeAll(CloseCode.GOING_AWAY, 'server shutting down', SHUTDOWN_GRACE_MS);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.socketIo.close();
  }

  /** Routes upgrades: `/socket.io/` to Engine.IO, binary routes, a gateway's path to its server, else 404. */
  protected override ensureHttpServerExists(port: number, httpServer = http.createServer()): http.Server {
    if (this.httpServersRegistry.has(port)) return httpServer;
    this.httpServersRegistry.set(port, httpServer);
    httpServer.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const pathname = new URL(request.url ?? '/', 'http://upgrade.invalid').pathname;
      if (pathname.startsWith(`${SOCKET_IO_PATH}/`)) return;
      const binary = this.binary.routeFor(pathname);
      if (binary) return void this.binary.upgrade(this.gate, binary, pathname, request, socket, head);
      const wsServer = (this.wsServersRegistry.get(port) ?? []).find(
        (candidate) => candidate.path === pathname,
      );
      if (!wsServer) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wsServer.handleUpgrade(request, socket, head, (ws: WebSocket) =>
        wsServer.emit('connection', ws, request),
      );
    });
    return httpServer;
  }
}
