import type { ClientMessageType, ClientPayloadOf, ServerMessageOf, ServerMessageType } from '@pulse/protocol';
import { io, type Socket } from 'socket.io-client';
import type { BenchClient, ClientSink } from './bench-client';
import { withTimeout } from './with-timeout';

/** Pulse's Socket.IO event maps: each message is the event named by its `type`. */
type ServerEvents = { [T in ServerMessageType]: (message: ServerMessageOf<T>) => void };
type ClientEvents = { [T in ClientMessageType]: (payload: ClientPayloadOf<T>) => void };

const SOCKET_IO_PATH = '/socket.io';

/** A client of Pulse's Socket.IO transport (ticket in the handshake's `auth`), WebSocket transport only. */
export class PulseSocketIoClient implements BenchClient {
  private readonly joins = new Map<string, () => void>();

  private constructor(
    private readonly socket: Socket<ServerEvents, ClientEvents>,
    private readonly timeoutMs: number,
  ) {
    socket.on('snapshot', (message) => {
      this.joins.get(message.room)?.();
      this.joins.delete(message.room);
    });
  }

  static open(
    baseUrl: string,
    ticket: string,
    sink: ClientSink,
    timeoutMs: number,
  ): Promise<PulseSocketIoClient> {
    const socket: Socket<ServerEvents, ClientEvents> = io(baseUrl, {
      path: SOCKET_IO_PATH,
      query: { ticket },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    });
    socket.on('move', (message) => sink.move(message.player, message.x, message.y));
    socket.on('pong', (message) => sink.pong(message.t));
    socket.on('error', (message) => sink.error(message.code));
    socket.on('snapshot', () => sink.other());
    socket.on('presence', () => sink.other());
    socket.io.on('ping', () => sink.heartbeat());
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') sink.dropped();
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new PulseSocketIoClient(socket, timeoutMs)));
      socket.once('connect_error', (error) => {
        socket.disconnect();
        reject(error);
      });
    });
  }

  join(room: string): Promise<void> {
    const joined = new Promise<void>((resolve) => this.joins.set(room, resolve));
    this.socket.emit('join', { room });
    return withTimeout(joined, this.timeoutMs, `join ${room}`);
  }

  move(room: string, x: number, y: number): void {
    this.socket.emit('move', { room, x, y });
  }

  ping(t: number): void {
    this.socket.emit('ping', { t });
  }

  close(): void {
    this.socket.disconnect();
  }
}
