import { Inject, Injectable } from '@nestjs/common';
import type { ServerMessage } from '@pulse/protocol';
import type { Server as HttpServer } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { GatewayRoute } from '../../dispatch/handlers/gateway-handlers';
import { DrainService } from '../../drain/drain.service';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../../gateway-options';
import type { MessageBudget } from '../../rate-limit/message-budget';
import { REDIS_CLIENTS, type RedisClients } from '../../redis/redis-clients';
import { ConnectionAdmission } from '../connection-admission';
import { ConnectionDispatchers } from '../connection-dispatchers';
import type { UpgradeGate } from '../upgrade-gate';
import { PulseSocketIo } from './pulse-socket-io';
import type { SocketIoConnection } from './socket-io-connection';
import { createSocketIoServer } from './socket-io.server';

type Ack = (answer?: ServerMessage) => void;

/**
 * The Socket.IO transport at `/socket.io`: one Socket.IO server on the app's HTTP server (`createSocketIoServer`,
 * with the official Redis adapter when the app has Redis), handed to `PulseSocketIo` for a team's code. Each
 * Socket.IO connection reaches every gateway; an event is dispatched as the message of its name, and its ack
 * callback, if any, gets the answer.
 */
@Injectable()
export class SocketIoTransport {
  private io?: Server;

  constructor(
    private readonly admission: ConnectionAdmission,
    private readonly dispatchers: ConnectionDispatchers,
    private readonly socketIo: PulseSocketIo,
    private readonly drain: DrainService,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null,
  ) {}

  /** Starts serving `/socket.io` on `httpServer` behind `gate`, once; later calls keep the first server. */
  listen(httpServer: HttpServer, gate: UpgradeGate, route: GatewayRoute): Server {
    if (this.io) return this.io;
    const io = createSocketIoServer(
      httpServer,
      gate,
      {
        heartbeatIntervalMs: this.options.heartbeatIntervalMs,
        maxPayloadBytes: this.options.maxPayloadBytes,
        redis: this.redis,
        shardedPubSub: this.options.redis?.shardedPubSub ?? false,
        isDraining: () => this.drain.draining,
        budgets: () => this.dispatchers.budget(),
        pongBufferLimitBytes: this.options.sendBudget.highWaterBytes,
      },
      (socket, connection, budget) => this.accept(socket, connection, route, budget),
    );
    this.socketIo.attach(io);
    return (this.io = io);
  }

  /** Stops serving: Engine.IO's sessions end and the server closes (the HTTP server stays the app's). */
  async close(): Promise<void> {
    const io = this.io;
    if (!io) return;
    this.io = undefined;
    io.engine.close();
    await new Promise<void>((resolve) => io.close(() => resolve())).catch(() => undefined);
  }

  private accept(
    socket: Socket,
    connection: SocketIoConnection,
    { handlers, hooks }: GatewayRoute,
    budget: MessageBudget | null,
  ): void {
    if (!this.admission.admit(socket, connection, socket.handshake.headers.origin)) return;
    const dispatcher = this.dispatchers.dispatcherFor(socket, connection, handlers, budget);
    socket.onAny((event: string, ...args: unknown[]) => {
      const reply = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
      dispatcher.dispatchEvent(event, args[0], reply);
    });
    socket.on('disconnect', (reason: string) => {
      this.admission.released(connection, connection.closeCodeFor(reason));
      hooks.disconnected(socket);
    });
    hooks.connected(socket);
  }
}
