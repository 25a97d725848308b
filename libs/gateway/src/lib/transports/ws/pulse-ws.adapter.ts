import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { WsAdapter } from '@nestjs/platform-ws';
import { CloseCode } from '@pulse/protocol';
import { TicketUpgradeAuthorizer, type AuthenticatedUser, type UpgradeAuthorizer } from '@pulse/auth';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import type { WebSocket, WebSocketServer } from 'ws';
import { attachConnection, connectionOf } from '../../connection/connection-of';
import { ConnectionRegistry } from '../../connection/connection-registry';
import { MessageDispatcher, type WrappedHandler } from '../../dispatch/message-dispatcher';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../../gateway-options';
import { WsConnection } from './ws-connection';

type VerifyCallback = (result: boolean, code?: number, message?: string) => void;
interface VerifyInfo {
  req: IncomingMessage;
}

const USER = Symbol('pulse.upgradeUser');
type AuthorizedRequest = IncomingMessage & { [USER]?: AuthenticatedUser };

const SHUTDOWN_GRACE_MS = 1000;
const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' };

/**
 * The native WebSocket transport. Unlike the stock `WsAdapter` it decides the upgrade before the 101
 * (origin, ticket), speaks the protocol's `{type,...}` frames, answers every invalid frame, and merges the
 * handlers of all gateways on one path into one dispatcher per connection.
 */
export class PulseWsAdapter extends WsAdapter {
  private readonly log = new Logger('WsTransport');
  private readonly dispatchers = new WeakMap<WebSocket, MessageDispatcher>();
  private readonly authorizer: UpgradeAuthorizer;
  private readonly registry: ConnectionRegistry;
  private readonly options: GatewayOptions;

  constructor(app: INestApplicationContext, authorizer?: UpgradeAuthorizer) {
    super(app);
    this.authorizer = authorizer ?? app.get(TicketUpgradeAuthorizer);
    this.registry = app.get(ConnectionRegistry);
    this.options = app.get<GatewayOptions>(GATEWAY_OPTIONS);
  }

  override create(port: number, options?: Record<string, unknown>): WebSocketServer {
    const server: WebSocketServer = super.create(port, {
      ...options,
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
      verifyClient: (info: VerifyInfo, callback: VerifyCallback) => this.verify(info.req, callback),
    });
    server.on('connection', (socket: WebSocket, request: AuthorizedRequest) => this.accept(socket, request));
    return server;
  }

  override bindMessageHandlers(
    socket: WebSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const existing = this.dispatchers.get(socket);
    const connection = connectionOf(socket);
    if (!connection) return;
    const dispatcher = existing ?? new MessageDispatcher(connection, transform);
    for (const handler of handlers) dispatcher.addHandler(String(handler.message), handler.callback as WrappedHandler);
    if (existing) return;
    this.dispatchers.set(socket, dispatcher);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) dispatcher.dispatchBinary();
      else dispatcher.dispatchText(data.toString('utf8'));
    });
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('error', (error: Error) => this.log.error(`server error: ${error.message}`));
    return server;
  }

  /** Asks every client to go elsewhere (1001), then drops the ones that do not close in time. */
  override async close(server: WebSocketServer): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const connection of [...this.registry.values()]) {
      if (!(connection instanceof WsConnection)) continue;
      closing.push(connection.closeWithin(CloseCode.GOING_AWAY, 'server shutting down', SHUTDOWN_GRACE_MS));
    }
    await Promise.all(closing);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private verify(request: AuthorizedRequest, callback: VerifyCallback): void {
    this.authorizer.authorize(request).then(
      (decision) => {
        if (decision.ok) {
          request[USER] = decision.user;
          return callback(true);
        }
        this.log.warn(`upgrade refused (${decision.reason}) from ${request.socket.remoteAddress ?? 'unknown'}`);
        callback(false, decision.status, STATUS_TEXT[decision.status]);
      },
      (error: unknown) => {
        this.log.error(`upgrade check failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        callback(false, 503, STATUS_TEXT[503]);
      },
    );
  }

  private accept(socket: WebSocket, request: AuthorizedRequest): void {
    const user = request[USER];
    if (!user) return socket.terminate();
    const connection = new WsConnection(socket, user);
    attachConnection(socket, connection);
    this.registry.add(connection);
    socket.on('pong', () => connection.markAlive());
    socket.on('error', (error: Error) => this.log.debug?.(`socket ${connection.id}: ${error.message}`));
    socket.on('close', () => this.registry.remove(connection));
  }
}
