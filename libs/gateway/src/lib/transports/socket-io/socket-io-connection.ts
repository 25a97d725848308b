import type { AuthenticatedUser } from '@pulse/auth';
import type { CloseCode, ServerMessage } from '@pulse/protocol';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import type { RealtimeConnection } from '../../connection/realtime-connection';
import { OutboundFrame } from '../../dispatch/outbound-frame';

/**
 * A `RealtimeConnection` over a Socket.IO socket: each message is emitted as the event named by its `type`,
 * with the message itself as the argument. Liveness is Engine.IO's own ping/pong (set to the heartbeat
 * interval), so the gateway's heartbeat leaves these connections alone.
 */
export class SocketIoConnection implements RealtimeConnection {
  readonly id = randomUUID();
  readonly transport = 'socket.io' as const;
  readonly rooms = new Set<string>();

  constructor(
    private readonly socket: Socket,
    readonly user: AuthenticatedUser,
  ) {}

  send(message: ServerMessage): void {
    this.socket.emit(message.type, message);
  }

  sendFrame(frame: OutboundFrame): void {
    const message = frame.message;
    this.socket.emit(message.type, message);
  }

  /** Socket.IO has no close codes: the code and reason travel as a `close` event before the disconnect. */
  close(code: CloseCode, reason: string): void {
    this.socket.emit('close', { code, reason });
    this.socket.disconnect(true);
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

  /** Engine.IO frames its own packets; per-tick batching is a native-transport feature. */
  setBatching(hz: number): boolean {
    return hz === 0;
  }
}
