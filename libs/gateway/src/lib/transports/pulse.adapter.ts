import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { NestContainer } from '@nestjs/core/injector/container';
import { WsAdapter } from '@nestjs/platform-ws';
import { TicketUpgradeAuthorizer, type AuthenticatedUser, type UpgradeAuthorizer } from '@pulse/auth';
import { CloseCode, PROTOCOL_VERSION, type ServerMessage } from '@pulse/protocol';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server as SocketIoServer, Socket } from 'socket.io';
import type { WebSocket, WebSocketServer } from 'ws';
import { attachConnection } from '../connection/connection-of';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../acks/idempotency.store';
import { ConnectionRegistry } from '../connection/connection-registry';
import { logFieldsOf } from '../connection/log-fields';
import { DrainService } from '../drain/drain.service';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { GatewayHandlers, type GatewayRoute, type HandlerTable } from '../dispatch/handlers/gateway-handlers';
import { MessageDispatcher, type DispatchObserver } from '../dispatch/message-dispatcher';
import { PulseMetrics } from '../metrics/pulse-metrics';
import { messageBudgets, type MessageBudget } from '../rate-limit/message-budget';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from '../rate-limit/rate-limit-options';
import { ThrottledUpgradeAuthorizer } from '../rate-limit/throttled-upgrade.authorizer';
import { SessionExpiryService } from '../sessions/session-expiry.service';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway-options';
import { REDIS_CLIENTS, type RedisClients } from '../redis/redis-clients';
import { createSocketIoServer, SOCKET_IO_PATH } from './socket-io/socket-io.server';
import type { SocketIoConnection } from './socket-io/socket-io-connection';
import { WsConnection } from './ws/ws-connection';

type VerifyCallback = (result: boolean, code?: number, message?: string, headers?: http.OutgoingHttpHeaders) => void;

const USER = Symbol('pulse.upgradeUser');
type AuthorizedRequest = http.IncomingMessage & { [USER]?: AuthenticatedUser };

const SHUTDOWN_GRACE_MS = 1000;

/**
 * Both transports behind one set of Nest gateways: native WebSocket at `/ws` and Socket.IO at `/socket.io`.
 * Unlike the stock adapters it decides the connection before it opens (origin, ticket), speaks the protocol's
 * `{type,...}` messages on both, answers every invalid message, and merges the handlers of all gateways into
 * one dispatcher per connection.
 */
export class PulseAdapter extends WsAdapter {
  private readonly log = new Logger('Transports');
  private readonly authorizer: UpgradeAuthorizer;
  private readonly registry: ConnectionRegistry;
  private readonly options: GatewayOptions;
  private readonly redis: RedisClients | null;
  private readonly idempotency: IdempotencyStore;
  private readonly drain: DrainService;
  private readonly metrics: PulseMetrics;
  private readonly observer: DispatchObserver;
  private readonly budgets: (() => MessageBudget) | null;
  private readonly sessions: SessionExpiryService;
  private readonly container: NestContainer;
  private io?: SocketIoServer;
  private gatewayHandlers?: GatewayHandlers;

  constructor(app: INestApplicationContext, authorizer?: UpgradeAuthorizer) {
    super(app);
    this.container = nestContainerOf(app);
    const limits = app.get<RateLimitOptions>(RATE_LIMIT_OPTIONS);
    const decider: UpgradeAuthorizer = authorizer ?? app.get<TicketUpgradeAuthorizer>(TicketUpgradeAuthorizer);
    this.authorizer = limits.upgradeFailuresPerMinute > 0
      ? new ThrottledUpgradeAuthorizer(decider, {
          failuresPerMinute: limits.upgradeFailuresPerMinute,
          maxTrackedAddresses: limits.maxTrackedAddresses,
          trustedProxies: limits.trustedProxies,
        })
      : decider;
    this.budgets = messageBudgets(limits);
    this.sessions = app.get(SessionExpiryService);
    this.registry = app.get(ConnectionRegistry);
    this.options = app.get<GatewayOptions>(GATEWAY_OPTIONS);
    this.metrics = app.get(PulseMetrics);
    this.observer = {
      received: (type) => this.metrics.messagesIn.addTo(type),
      refused: (code) => this.metrics.errors.addTo(code),
      inFlight: (delta) => this.drain.track(delta),
    };
    this.redis = app.get<RedisClients | null>(REDIS_CLIENTS);
    this.idempotency = app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
    this.drain = app.get(DrainService);
  }

  override create(port: number, options?: Record<string, unknown>): WebSocketServer {
    const server: WebSocketServer = super.create(port, {
      ...options,
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // A burst in one TCP read is handled in one turn (no setImmediate per message); the per-connection
      // message budget is what stops one socket from holding up the others.
      allowSynchronousEvents: true,
      verifyClient: (info: { req: AuthorizedRequest }, callback: VerifyCallback) => this.verify(info.req, callback),
      handleProtocols: (offered: Set<string>) => (offered.has(PROTOCOL_VERSION) ? PROTOCOL_VERSION : false),
    });
    const route = this.handlers().forPath(options?.['path'] as string | undefined);
    server.on('connection', (socket: WebSocket, request: AuthorizedRequest) => this.acceptWs(socket, request, route));
    this.io ??= createSocketIoServer(this.httpServer as http.Server, this.authorizer, {
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      maxPayloadBytes: this.options.maxPayloadBytes,
      redis: this.redis,
      shardedPubSub: this.options.redis?.shardedPubSub ?? false,
      isDraining: () => this.drain.draining,
    }, (socket, connection) => this.acceptSocketIo(socket, connection, this.handlers().all));
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
   * of handlers compiled at startup (see `GatewayHandlers`), wired when the connection is accepted, so nothing
   * per client is kept from these.
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
    const closing: Promise<void>[] = [];
    for (const connection of [...this.registry.values()]) {
      if (connection instanceof WsConnection) {
        closing.push(connection.closeWithin(CloseCode.GOING_AWAY, 'server shutting down', SHUTDOWN_GRACE_MS));
      } else connection.close(CloseCode.GOING_AWAY, 'server shutting down');
    }
    await Promise.all(closing);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.io) {
      const io = this.io;
      this.io = undefined;
      io.engine.close();
      await new Promise<void>((resolve) => io.close(() => resolve())).catch(() => undefined);
    }
  }

  /** Routes upgrades: `/ws` to the native transport, `/socket.io/` to Engine.IO, anything else gets 404. */
  protected override ensureHttpServerExists(port: number, httpServer = http.createServer()): http.Server {
    if (this.httpServersRegistry.has(port)) return httpServer;
    this.httpServersRegistry.set(port, httpServer);
    httpServer.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const pathname = new URL(request.url ?? '/', 'http://upgrade.invalid').pathname;
      if (pathname.startsWith(`${SOCKET_IO_PATH}/`)) return;
      const wsServer = (this.wsServersRegistry.get(port) ?? []).find((candidate) => candidate.path === pathname);
      if (!wsServer) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wsServer.handleUpgrade(request, socket, head, (ws: WebSocket) => wsServer.emit('connection', ws, request));
    });
    return httpServer;
  }

  private verify(request: AuthorizedRequest, callback: VerifyCallback): void {
    if (this.drain.draining) {
      this.metrics.upgradesRefused.inc({ reason: 'draining' });
      return callback(false, 503, http.STATUS_CODES[503], { 'Retry-After': '1' });
    }
    const offered = request.headers['sec-websocket-protocol'];
    if (offered !== undefined && !offered.split(',').some((name) => name.trim() === PROTOCOL_VERSION)) {
      this.metrics.upgradesRefused.inc({ reason: 'protocol-version' });
      return callback(false, 400, `unsupported protocol version; this server speaks ${PROTOCOL_VERSION}`);
    }
    const forwardedFor = request.headers['x-forwarded-for'];
    this.authorizer.authorize({ url: request.url, headers: request.headers, remoteAddress: request.socket.remoteAddress, forwardedFor }).then(
      (decision) => {
        if (decision.ok) {
          request[USER] = decision.user;
          return callback(true);
        }
        this.metrics.upgradesRefused.inc({ reason: decision.reason });
        if (decision.status !== 429) {
          this.log.warn({ msg: `upgrade refused (${decision.reason})`, reason: decision.reason, remoteAddress: request.socket.remoteAddress ?? 'unknown' });
        }
        const retry = decision.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(decision.retryAfterSeconds) };
        callback(false, decision.status, http.STATUS_CODES[decision.status], retry);
      },
      (error: unknown) => {
        this.log.error(`upgrade check failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        callback(false, 503, http.STATUS_CODES[503]);
      },
    );
  }

  private acceptWs(socket: WebSocket, request: AuthorizedRequest, { handlers, hooks }: GatewayRoute): void {
    const user = request[USER];
    if (!user) return socket.terminate();
    const connection = new WsConnection(socket, user, this.options.sendBudget, request.socket);
    this.register(socket, connection, request.headers.origin);
    const dispatcher = this.dispatcherFor(socket, connection, handlers);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) dispatcher.dispatchBinary();
      else dispatcher.dispatchText(data.toString('utf8'));
    });
    socket.on('pong', () => connection.markAlive());
    socket.on('error', (error: Error) => this.log.debug({ msg: `socket error: ${error.message}`, ...logFieldsOf(connection) }));
    socket.on('close', () => {
      connection.closed();
      this.registry.remove(connection);
      hooks.disconnected(socket);
    });
    hooks.connected(socket, request);
  }

  private acceptSocketIo(socket: Socket, connection: SocketIoConnection, { handlers, hooks }: GatewayRoute): void {
    this.register(socket, connection, socket.handshake.headers.origin);
    const dispatcher = this.dispatcherFor(socket, connection, handlers);
    socket.onAny((event: string, ...args: unknown[]) => {
      const reply = typeof args[args.length - 1] === 'function' ? (args.pop() as (answer?: ServerMessage) => void) : undefined;
      dispatcher.dispatchEvent(event, args[0], reply);
    });
    socket.on('disconnect', () => {
      this.registry.remove(connection);
      hooks.disconnected(socket);
    });
    hooks.connected(socket);
  }

  private dispatcherFor(client: object, connection: RealtimeConnection, handlers: HandlerTable): MessageDispatcher {
    return new MessageDispatcher(connection, client, handlers, this.idempotency, this.budgets?.(), this.observer);
  }

  /** Compiled on first use: by then Nest has created every gateway (the adapter is made before `init()`). */
  private handlers(): GatewayHandlers {
    return (this.gatewayHandlers ??= GatewayHandlers.discover(this.container));
  }

  private register(socket: object, connection: RealtimeConnection, origin: string | undefined): void {
    attachConnection(socket, connection);
    this.registry.add(connection);
    this.sessions.start(connection, origin);
  }
}

/** Nest keeps its DI container on the application object; the handler table is compiled from it. */
function nestContainerOf(app: INestApplicationContext): NestContainer {
  const container = (app as unknown as { container?: NestContainer }).container;
  if (!container || typeof container.getModules !== 'function') {
    throw new Error('PulseAdapter needs the Nest application itself: new PulseAdapter(app) with the app from NestFactory.create()');
  }
  return container;
}
