import type { AuthenticatedUser } from '@pulse/auth';
import type { CloseCode, ServerMessage } from '@pulse/protocol';
import type { Socket } from 'socket.io';
import { newConnectionId } from '../../connection/connection-id';
import type { RealtimeConnection } from '../../connection/realtime-connection';
import { OutboundFrame } from '../../dispatch/outbound-frame';

/**
 * A `RealtimeConnection` over a Socket.IO socket: each message is emitted as the event named by its `type`,
 * with the message itself as the argument. Liveness is Engine.IO's own ping/pong (set to the heartbeat
 * interval), so the gateway's heartbeat leaves these connections alone.
 */
export class SocketIoConnection implements RealtimeConnection {
  readonly id = newConnectionId();
  readonly transport = 'socket.io' as const;
  readonly rooms = new Set<string>();

  /** The code the server closed with, if it did. */
  private closedWith: CloseCode | null = null;

  constructor(
    private readonly socket: Socket,
    readonly user: AuthenticatedUser,
  ) {}

  send(message: ServerMessage): void {
    this.socket.emit(message.type, message);
  }

  /**
   * What `emit(type, message)` would write, but encoded once per frame and shared by every recipient: the encoded
   * Socket.IO packet goes to the Engine.IO connection (`socket.conn`, public) as one message, as Socket.IO's own
   * broadcasts write it.
   */
  sendFrame(frame: OutboundFrame): void {
    if (this.socket.nsp.name !== '/') return void this.socket.emit(frame.message.type, frame.message);
    if (this.socket.conn.readyState !== 'open') return;
    this.socket.conn.write(frame.socketIoPacket);
  }

  /** Socket.IO has no close codes: the code and reason travel as a `close` event before the disconnect. */
  close(code: CloseCode, reason: string): void {
    this.closedWith = code;
    this.socket.emit('close', { code, reason });
    this.socket.disconnect(true);
  }

  /**
   * The WebSocket close code a disconnect with Socket.IO's `reason` stands for (for the metrics and for presence): the
   * one the server closed with; else 1000 when the client left on purpose, 1012 when the server shut it down, and
   * 1006 when its transport was lost (as a WebSocket would report).
   */
  closeCodeFor(reason: string): number {
    if (this.closedWith !== null) return this.closedWith;
    if (reason === 'client namespace disconnect') return 1000;
    if (reason === 'server namespace disconnect' || reason === 'server shutting down') return 1012;
    return 1006;
  }

  markAlive(): void {
    return undefined;
  }

  checkAlive(): boolean {
    return true;
  }

  terminate(): void {
    this.socket.disconnect(true);
  }

  /** A Pulse room is the Socket.IO room of the same name, for `io.to(room)` and `fetchSockets()` (`PulseSocketIo`). */
  joined(room: string): void {
    void this.socket.join(room);
  }

  left(room: string): void {
    void this.socket.leave(room);
  }

  /** Engine.IO frames its own packets; per-tick batching is a native-transport feature. */
  setBatching(hz: number): boolean {
    return hz === 0;
  }
}
