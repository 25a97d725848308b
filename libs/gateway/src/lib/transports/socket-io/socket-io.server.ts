import type { AuthenticatedUser } from '@pulse/auth';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { WebSocket } from 'ws';
import type { MessageBudget } from '../../rate-limit/message-budget';
import type { RedisClients } from '../../redis/redis-clients';
import type { UpgradeGate } from '../upgrade-gate';
import { answerControlFrames, budgetAccount } from '../ws/control-frames';
import { engineWebSocketServer } from './engine-websocket.server';
import { writeHandshakeRefusal } from './handshake-refusal';
import { SocketIoConnection } from './socket-io-connection';

export const SOCKET_IO_PATH = '/socket.io';

export interface SocketIoServerOptions {
  readonly heartbeatIntervalMs: number;
  readonly maxPayloadBytes: number;
  readonly redis: RedisClients | null;
  /** Use the sharded Redis adapter (SPUBLISH/SSUBSCRIBE), as the room bus does with `REDIS_SHARDED_PUBSUB`. */
  readonly shardedPubSub: boolean;
  /** While the node drains, new connections are refused (503) so clients go to another node. */
  readonly isDraining: () => boolean;
  /** Makes one connection's message budget (null: no message limit); Engine.IO's WebSocket pings count against it. */
  readonly budgets: (() => MessageBudget | null) | null;
  /** A ping is answered only while the WebSocket's send buffer holds at most this many bytes. */
  readonly pongBufferLimitBytes: number;
}

export type { SocketIoRefusal } from './handshake-refusal';

/** What the handshake leaves on Engine.IO's request for the Socket.IO connection made over it. */
const HANDSHAKE_USER = Symbol('pulse.handshakeUser');
type HandshakeRequest = IncomingMessage & { [HANDSHAKE_USER]?: AuthenticatedUser };

/** What a socket carries in `socket.data`: plain data, so the Redis adapter can send it to other nodes (`fetchSockets`). */
export interface PulseSocketData {
  readonly user: Pick<AuthenticatedUser, 'id' | 'name' | 'roles'>;
}

/** What Engine.IO's `connection` event gives: a session, with the request that opened it. */
interface EngineSession {
  readonly request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
}

/** The Engine.IO session id a request names (`?sid=`): set on every request after the handshake. */
function sessionIdOf(request: IncomingMessage): string | null {
  return new URL(request.url ?? '/', 'http://engine.invalid').searchParams.get('sid');
}

const unavailable = () =>
  Object.assign(new Error('unavailable'), { data: { status: 503, reason: 'draining' } });

/**
 * The Socket.IO transport at `/socket.io`, on the HTTP server the app listens on. The ticket travels in the
 * Engine.IO handshake's URL (`io(url, { query: { ticket } })`), and `gate` decides it before Engine.IO makes a
 * session (`allowRequest`): without a good ticket there is no session, polling or WebSocket, and the refusal is
 * an HTTP 401/403/429/503 counted with the native upgrades'. The session's later requests (with its `sid`) need
 * no ticket. Socket.IO's CONNECT takes the user the handshake found, once. Engine.IO's WebSockets answer pings
 * within the connection's message budget and send buffer (`answerControlFrames`). Across nodes it uses the
 * official Redis adapter, which serves Socket.IO's own API (`PulseSocketIo`); Pulse's room events travel on the
 * room bus.
 */
export function createSocketIoServer(
  httpServer: HttpServer,
  gate: UpgradeGate,
  options: SocketIoServerOptions,
  onConnection: (socket: Socket, connection: SocketIoConnection, budget: MessageBudget | null) => void,
): Server {
  // One budget per Engine.IO session, kept with its handshake request: a WebSocket opened later by upgrade
  // (with the session's `sid`) and the Socket.IO connection share it. Pulse picks the session ids
  // (`generateId`, Engine.IO's documented hook), so it knows which session a later request names.
  const budgets = new WeakMap<IncomingMessage, MessageBudget | null>();
  const budgetOf = (request: IncomingMessage): MessageBudget | null => {
    let budget = budgets.get(request);
    if (budget === undefined) budgets.set(request, (budget = options.budgets?.() ?? null));
    return budget;
  };
  const sessionIds = new WeakMap<IncomingMessage, string>();
  const handshakes = new Map<string, IncomingMessage>();
  const handshakeOf = (request: IncomingMessage): IncomingMessage => {
    const sid = sessionIdOf(request);
    return (sid && handshakes.get(sid)) || request;
  };
  const controlFrames = (socket: WebSocket, request: IncomingMessage) => {
    const handshake = handshakeOf(request);
    answerControlFrames(
      socket,
      budgetAccount(socket, () => budgetOf(handshake)),
      options.pongBufferLimitBytes,
    );
  };

  const connections = new WeakMap<Socket, SocketIoConnection>();
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, PulseSocketData>(
    httpServer,
    {
      path: SOCKET_IO_PATH,
      serveClient: false,
      destroyUpgrade: false,
      maxHttpBufferSize: options.maxPayloadBytes,
      pingInterval: options.heartbeatIntervalMs,
      pingTimeout: options.heartbeatIntervalMs,
      perMessageDeflate: false,
      wsEngine: engineWebSocketServer(controlFrames),
      allowRequest: (request, callback) => {
        gate.decide(request).then(
          (answer) => {
            if (!answer.ok)
              return writeHandshakeRefusal(request, answer, () => callback(answer.reason, false));
            (request as HandshakeRequest)[HANDSHAKE_USER] = answer.user;
            callback(null, true);
          },
          () =>
            writeHandshakeRefusal(request, { status: 503, reason: 'auth-unavailable', headers: {} }, () =>
              callback('auth-unavailable', false),
            ),
        );
      },
    },
  );
  io.engine.generateId = (request: IncomingMessage) => {
    const sid = randomBytes(15).toString('base64url');
    sessionIds.set(request, sid);
    return sid;
  };
  io.engine.on('connection', (session: EngineSession) => {
    const sid = sessionIds.get(session.request);
    if (sid === undefined) return;
    handshakes.set(sid, session.request);
    session.once('close', () => handshakes.delete(sid));
  });
  if (options.redis) {
    const [pub, sub] = [options.redis.createClient(), options.redis.createClient()];
    io.adapter(options.shardedPubSub ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
  }

  io.use((socket, next) => {
    if (options.isDraining()) return next(unavailable());
    const request = socket.request as HandshakeRequest;
    const user = request[HANDSHAKE_USER];
    // A ticket opens one connection: a second CONNECT over the same session finds no user.
    request[HANDSHAKE_USER] = undefined;
    if (!user)
      return next(
        Object.assign(new Error('unauthorized'), { data: { status: 401, reason: 'ticket-invalid' } }),
      );
    socket.data = { user: { id: user.id, name: user.name, roles: user.roles } };
    connections.set(socket, new SocketIoConnection(socket, user));
    next();
  });
  io.on('connection', (socket) => {
    const connection = connections.get(socket);
    if (connection) onConnection(socket, connection, budgetOf(socket.request));
  });
  return io as unknown as Server;
}
