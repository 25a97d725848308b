import { io, type Socket } from 'socket.io-client';
import type { SioClientEvents, SioServerEvents } from '../baselines/socket-io-events';
import type { BenchClient, ClientSink } from './bench-client';

/** A client of the plain Socket.IO relay, over the WebSocket transport only (no long-polling). */
export class SocketIoBenchClient implements BenchClient {
  private constructor(
    private readonly socket: Socket<SioServerEvents, SioClientEvents>,
    private readonly timeoutMs: number,
  ) {}

  static open(
    baseUrl: string,
    user: string,
    sink: ClientSink,
    timeoutMs: number,
  ): Promise<SocketIoBenchClient> {
    const socket: Socket<SioServerEvents, SioClientEvents> = io(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      query: { user },
    });
    socket.on('move', (event) => sink.move(event.player, event.x, event.y));
    socket.on('rtt', (t) => sink.pong(t));
    socket.io.on('ping', () => sink.heartbeat());
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') sink.dropped();
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new SocketIoBenchClient(socket, timeoutMs)));
      socket.once('connect_error', (error) => {
        socket.disconnect();
        reject(error);
      });
    });
  }

  async join(room: string): Promise<void> {
    await this.socket.timeout(this.timeoutMs).emitWithAck('join', room);
  }

  move(room: string, x: number, y: number): void {
    this.socket.emit('move', { room, x, y });
  }

  ping(t: number): void {
    this.socket.emit('rtt', t);
  }

  close(): void {
    this.socket.disconnect();
  }
}
