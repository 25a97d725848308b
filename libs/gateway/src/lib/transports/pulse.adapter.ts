import { Logger, type INestApplicationContext, type NestInterceptor } from '@nestjs/common';
import { DiscoveryService, ExternalContextCreator } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { TicketUpgradeAuthorizer, type AuthenticatedUser, type UpgradeAuthorizer } from '@pulse/auth';
import {
  CloseCode,
  encodingOf,
  MSGPACK_PROTOCOL,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '@pulse/protocol';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server as SocketIoServer, Socket } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';
import { CAP_OPTIONS, type CapOptions } from '../caps/cap-options';
import { ConnectionCapAuthorizer } from '../caps/connection-cap.authorizer';
import { attachConnection } from '../connection/connection-of';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../acks/idempotency.store';
import { ConnectionRegistry } from '../connection/connection-registry';
import { logFieldsOf } from '../connection/log-fields';
import { DrainService } from '../drain/drain.service';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { isBeforeHandle } from '../dispatch/handlers/before-handle';
import { GatewayHandlers, type GatewayRoute, type HandlerTable } from '../dispatch/handlers/gateway-handlers';
import { HandlerCompiler } from '../dispatch/handlers/handler-compiler';
import { HEARTBEAT_INTERCEPTOR } from '../heartbeat/heartbeat.interceptor';
import { MessageDispatcher, type DispatchObserver } from '../dispatch/message-dispatcher';
import { PulseMetrics } from '../metrics/pulse-metrics';
import { messageBudgets, type MessageBudget } from '../rate-limit/message-budget';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from '../rate-limit/rate-limit-options';
import { ThrottledUpgradeAuthorizer } from '../rate-limit/throttled-upgrade.authorizer';
import { SessionExpiryService } from '../sessions/session-expiry.service';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway-options';
import { REDIS_CLIENTS, type RedisClients } from '../redis/redis-clients';
import { PulseSocketIo } from './socket-io/pulse-socket-io';
import { createSocketIoServer, SOCKET_IO_PATH } from './socket-io/socket-io.server';
import type { SocketIoConnection } from './socket-io/socket-io-connection';
import { BinaryConnection } from './binary/binary-connection';
import { BinaryRoutes, type BinaryRoute } from './binary/binary-routes';
import { refuseUpgrade } from './binary/upgrade-refusal';
import { UpgradeGate } from './upgrade-gate';
import { answerControlFrames, budgetAccount } from './ws/control-frames';
import { WsConnection } from './ws/ws-connection';

type VerifyCallback = (
  result: boolean,
  code?: number,
  message?: string,
  headers?: http.OutgoingHttpHeaders,
) => void;

const USER = Symbol('pulse.upgradeUser');
type AuthorizedRequest = http.IncomingMessage & { [USER]?: AuthenticatedUser };

const SHUTDOWN_GRACE_MS = 1000;

/** The subprotocols `/ws` speaks: JSON text frames (the default, also without any), or MessagePack binary frames. */
const SPOKEN_PROTOCOLS: ReadonlySet<string> = new Set([PROTOCOL_VERSION, MSGPACK_PROTOCOL]);

/**
 * Both transports behind one set of Nest gateways: native WebSocket at `/ws` and Socket.IO at `/socket.io`.
 * Unlike the stock adapters it decides the connection before it opens (origin, ticket), speaks the protocol's
 * `{type,...}` messages on both, answers every invalid message, and merges the handlers of all gateways into
 * one dispatcher per connection.
 */
export class PulseAdapter extends WsAdapter {
  private readonly log = new Logger('Transports');
  private readonly authorizer: UpgradeAuthorizer;
  private readonly connectionCap: ConnectionCapAuthorizer;
  private readonly registry: ConnectionRegistry;
  private readonly options: GatewayOptions;
  private readonly redis: RedisClients | null;
  private readonly idempotency: IdempotencyStore;
  private readonly drain: DrainService;
  private readonly metrics: PulseMetrics;
  private readonly observer: DispatchObserver;
  private readonly budgets: (() => MessageBudget) | null;
  private readonly sessions: SessionExpiryService;
  private readonly app: INestApplicationContext;
  private io?: SocketIoServer;
  private gate?: UpgradeGate;
  private gatewayHandlers?: GatewayHandlers;
  private readonly binaryRoutes: BinaryRoutes;
  private binaryServer?: WebSocketServer;

  constructor(app: INestApplicationContext, authorizer?: UpgradeAuthorizer) {
    super(app);
    this.app = app;
    const limits = app.get<RateLimitOptions>(RATE_LIMIT_OPTIONS);
    const decider: UpgradeAuthorizer =
      authorizer ?? app.get<TicketUpgradeAuthorizer>(TicketUpgradeAuthorizer);
    const throttled =
      limits.upgradeFailuresPerMinute > 0
        ? new ThrottledUpgradeAuthorizer(decider, {
            failuresPerMinute: limits.upgradeFailuresPerMinute,
            maxTrackedAddresses: limits.maxTrackedAddresses,
            trustedProxies: limits.trustedProxies,
          })
        : decider;
    // Outside the throttle: a user over the connection cap does not use up the budget of everyone at the address.
    this.connectionCap = new ConnectionCapAuthorizer(
      throttled,
      app.get(ConnectionRegistry),
      app.get<CapOptions>(CAP_OPTIONS).maxConnectionsPerUser,
    );
    this.authorizer = this.connectionCap;
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
    this.binaryRoutes = app.get(BinaryRoutes);
  }

  override create(port: number, options?: Record<string, unknown>): WebSocketServer {
    const server: WebSocketServer = super.create(port, {
      ...options,
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
      // `@WebSocketServer()` gives this server: its `clients` are the open sockets, as with Nest's own WsAdapter.
      clientTracking: true,
      // A burst in one TCP read is handled in one turn (no setImmediate per message); the per-connection
      // message budget is what stops one socket from holding up the others.
      allowSynchronousEvents: true,
      // Pings are inbound messages: answered by `answerControlFrames`, within the budget and the send buffer.
      autoPong: false,
      verifyClient: (info: { req: AuthorizedRequest }, callback: VerifyCallback) =>
        this.verify(info.req, callback),
      handleProtocols: (offered: Set<string>) =>
        offered.has(MSGPACK_PROTOCOL)
          ? MSGPACK_PROTOCOL
          : offered.has(PROTOCOL_VERSION)
            ? PROTOCOL_VERSION
            : false,
    });
    const route = this.handlers().forPath(options?.['path'] as string | undefined);
    server.on('connection', (socket: WebSocket, request: AuthorizedRequest) =>
      this.acceptWs(socket, request, route),
    );
    this.io ??= createSocketIoServer(
      this.httpServer as http.Server,
      this.upgradeGate(),
      {
        heartbeatIntervalMs: this.options.heartbeatIntervalMs,
        maxPayloadBytes: this.options.maxPayloadBytes,
        redis: this.redis,
        shardedPubSub: this.options.redis?.shardedPubSub ?? false,
        isDraining: () => this.drain.draining,
        budgets: this.budgets,
        pongBufferLimitBytes: this.options.sendBudget.highWaterBytes,
      },
      (socket, connection, budget) => this.acceptSocketIo(socket, connection, this.handlers().all, budget),
    );
    this.app.get(PulseSocketIo).attach(this.io);
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
      if (connection instanceof WsConnection || connection instanceof BinaryConnection) {
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
      const binary = this.binaryRoutes.match(pathname);
      if (binary) return void this.upgradeBinary(binary, pathname, request, socket, head);
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

  private verify(request: AuthorizedRequest, callback: VerifyCallback): void {
    const offered = request.headers['sec-websocket-protocol'];
    if (offered !== undefined && !offered.split(',').some((name) => SPOKEN_PROTOCOLS.has(name.trim()))) {
      this.metrics.upgradesRefused.inc({ reason: 'protocol-version' });
      return callback(
        false,
        400,
        `unsupported protocol version; this server speaks ${PROTOCOL_VERSION} (JSON) or ${MSGPACK_PROTOCOL}`,
      );
    }
    this.upgradeGate()
      .decide(request)
      .then((answer) => {
        if (!answer.ok)
          return callback(false, answer.status, http.STATUS_CODES[answer.status], answer.headers);
        request[USER] = answer.user;
        callback(true);
      });
  }

  private acceptWs(socket: WebSocket, request: AuthorizedRequest, { handlers, hooks }: GatewayRoute): void {
    const user = request[USER];
    if (!user) return socket.terminate();
    const connection = new WsConnection(
      socket,
      user,
      this.options.sendBudget,
      request.socket,
      encodingOf(socket.protocol),
    );
    if (!this.register(socket, connection, request.headers.origin))
      return void socket.on('error', () => undefined);
    const dispatcher = this.dispatcherFor(socket, connection, handlers);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) dispatcher.dispatchText(data.toString('utf8'));
      else if (connection.encoding === 'msgpack') dispatcher.dispatchMsgpack(data);
      else dispatcher.dispatchBinary();
    });
    answerControlFrames(socket, dispatcher, this.options.sendBudget.highWaterBytes);
    socket.on('error', (error: Error) =>
      this.log.debug({ msg: `socket error: ${error.message}`, ...logFieldsOf(connection) }),
    );
    socket.on('close', (code: number) => {
      this.metrics.closes.addTo(String(code));
      connection.closed();
      this.registry.remove(connection, code);
      hooks.disconnected(socket);
    });
    hooks.connected(socket, request);
  }

  /** A `BinaryRoute`'s upgrade: the same gate as `/ws`, then the route gets the connection. */
  private async upgradeBinary(
    route: BinaryRoute,
    pathname: string,
    request: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<void> {
    const answer = await this.upgradeGate().decide(request);
    if (!answer.ok) return refuseUpgrade(socket, answer.status, answer.headers);
    const path = pathname.slice(route.prefix.length);
    const admission = await route.admit(answer.user, path).catch((error: unknown) => {
      this.log.error(
        `${route.prefix} admission failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
      return { ok: false, status: 503, reason: 'admission-failed' } as const;
    });
    if (!admission.ok) {
      this.metrics.upgradesRefused.inc({ reason: admission.reason });
      return refuseUpgrade(socket, admission.status);
    }
    this.binaryServer ??= new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
      autoPong: false,
    });
    if (socket.destroyed) return;
    this.binaryServer.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const connection = new BinaryConnection(ws, answer.user, path, this.options.sendBudget);
      if (!this.register(ws, connection, request.headers.origin)) return void ws.on('error', () => undefined);
      const budget = this.budgets?.() ?? null;
      const account = budgetAccount(ws, () => budget);
      ws.on('message', (data: Buffer, isBinary: boolean) =>
        connection.received(data, isBinary, !account.admit()),
      );
      // A pong (or ping) is a sign of life too: an editor nobody types in stays connected.
      const controlFrames = {
        admit: () => {
          connection.markAlive();
          return account.admit();
        },
      };
      answerControlFrames(ws, controlFrames, this.options.sendBudget.highWaterBytes);
      ws.on('error', (error: Error) =>
        this.log.debug({ msg: `socket error: ${error.message}`, ...logFieldsOf(connection) }),
      );
      ws.on('close', (code: number) => {
        this.metrics.closes.addTo(String(code));
        this.registry.remove(connection, code);
        connection.closed();
      });
      route.accept(connection, admission.admitted, request);
    });
  }

  private acceptSocketIo(
    socket: Socket,
    connection: SocketIoConnection,
    { handlers, hooks }: GatewayRoute,
    budget: MessageBudget | null,
  ): void {
    if (!this.register(socket, connection, socket.handshake.headers.origin)) return;
    const dispatcher = this.dispatcherFor(socket, connection, handlers, budget);
    socket.onAny((event: string, ...args: unknown[]) => {
      const reply =
        typeof args[args.length - 1] === 'function'
          ? (args.pop() as (answer?: ServerMessage) => void)
          : undefined;
      dispatcher.dispatchEvent(event, args[0], reply);
    });
    socket.on('disconnect', (reason: string) => {
      const code = connection.closeCodeFor(reason);
      this.metrics.closes.addTo(String(code));
      this.registry.remove(connection, code);
      hooks.disconnected(socket);
    });
    hooks.connected(socket);
  }

  private dispatcherFor(
    client: object,
    connection: RealtimeConnection,
    handlers: HandlerTable,
    budget = this.budgets?.() ?? null,
  ): MessageDispatcher {
    return new MessageDispatcher(connection, client, handlers, this.idempotency, budget, this.observer);
  }

  /**
   * Draining, the authorizer (origin, ticket, caps, the per-address refusal budget) and the refusal metric, for
   * `/ws` upgrades and Engine.IO handshakes alike. Made on first use, after the constructor composed the authorizer.
   */
  private upgradeGate(): UpgradeGate {
    return (this.gate ??= new UpgradeGate({
      authorizer: this.authorizer,
      isDraining: () => this.drain.draining,
      refused: (reason) => this.metrics.upgradesRefused.inc({ reason }),
    }));
  }

  /**
   * Compiled on first use: by then Nest has created every gateway (the adapter is made before `init()`). The
   * module's heartbeat interceptor runs in place when it is synchronous (`BeforeHandleInterceptor`); any other is
   * an `APP_INTERCEPTOR` on Nest's path.
   */
  private handlers(): GatewayHandlers {
    if (this.gatewayHandlers) return this.gatewayHandlers;
    const heartbeat = this.app.get<NestInterceptor>(HEARTBEAT_INTERCEPTOR);
    const compiler = new HandlerCompiler(
      this.app.get(ExternalContextCreator),
      isBeforeHandle(heartbeat) ? [heartbeat] : [],
    );
    return (this.gatewayHandlers = GatewayHandlers.discover(this.app.get(DiscoveryService), compiler));
  }

  /** False when the user is at the connection cap: concurrent upgrades all passed its check, the ones past it close. */
  private register(socket: object, connection: RealtimeConnection, origin: string | undefined): boolean {
    if (this.connectionCap.isFull(connection.user.id)) {
      connection.close(CloseCode.TOO_MANY_CONNECTIONS, this.connectionCap.closeReason);
      return false;
    }
    attachConnection(socket, connection);
    this.registry.add(connection);
    this.sessions.start(connection, origin);
    return true;
  }
}
