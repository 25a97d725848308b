import { Logger } from '@nestjs/common';
import type { UpgradeAuthorizer } from '@pulse/auth';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { RedisClients } from '../../redis/redis-clients';
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
}

const REFUSAL_MESSAGES = { 401: 'unauthorized', 403: 'forbidden', 429: 'too many requests' } as const;

/** The upgrade decision's reason, as the client sees it in `connect_error`'s `data`. */
export interface SocketIoRefusal {
  readonly status: number;
  readonly reason: string;
}

/**
 * The Socket.IO transport at `/socket.io`, on the HTTP server the app listens on. The ticket travels in the
 * handshake's `auth` payload (`io(url, { auth: { ticket } })`); a refusal is a `connect_error` before the
 * connection opens. Across nodes it uses the official Redis adapter.
 */
export function createSocketIoServer(
  httpServer: HttpServer,
  authorizer: UpgradeAuthorizer,
  options: SocketIoServerOptions,
  onConnection: (socket: Socket, connection: SocketIoConnection) => void,
): Server {
  const log = new Logger('SocketIoTransport');
  const io = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    destroyUpgrade: false,
    maxHttpBufferSize: options.maxPayloadBytes,
    pingInterval: options.heartbeatIntervalMs,
    pingTimeout: options.heartbeatIntervalMs,
    perMessageDeflate: false,
  });
  if (options.redis) {
    const [pub, sub] = [options.redis.createClient(), options.redis.createClient()];
    io.adapter(options.shardedPubSub ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
  }

  io.use((socket, next) => {
    if (options.isDraining()) return next(Object.assign(new Error('unavailable'), { data: { status: 503, reason: 'draining' } }));
    const auth: unknown = socket.handshake.auth;
    const ticket = typeof auth === 'object' && auth !== null ? (auth as { ticket?: unknown }).ticket : undefined;
    const request = {
      url: socket.request.url,
      headers: { origin: socket.handshake.headers.origin, host: socket.handshake.headers.host },
      ticket: typeof ticket === 'string' ? ticket : undefined,
      remoteAddress: socket.handshake.address,
      forwardedFor: socket.handshake.headers['x-forwarded-for'],
    };
    authorizer.authorize(request).then(
      (decision) => {
        if (decision.ok) {
          const connection = new SocketIoConnection(socket, decision.user);
          socket.data = { connection };
          return next();
        }
        if (decision.status !== 429) log.warn({ msg: `connection refused (${decision.reason})`, reason: decision.reason, remoteAddress: socket.handshake.address });
        const refusal = Object.assign(new Error(REFUSAL_MESSAGES[decision.status]), {
          data: { status: decision.status, reason: decision.reason } satisfies SocketIoRefusal,
        });
        next(refusal);
      },
      (error: unknown) => {
        log.error(`connection check failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        next(Object.assign(new Error('unavailable'), { data: { status: 503, reason: 'auth-unavailable' } }));
      },
    );
  });
  io.on('connection', (socket) => onConnection(socket, (socket.data as { connection: SocketIoConnection }).connection));
  return io;
}
