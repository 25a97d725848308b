import type { AuthenticatedUser } from '@pulse/auth';
import type { CloseCode, ServerMessage } from '@pulse/protocol';
import type { Socket } from 'socket.io';
import { newConnectionId } from '../../connection/connection-id';
import type { RealtimeConnection } from '../../connection/realtime-connection';
import { OutboundFrame } from '../../dispatch/outbound-frame';

/** Socket.IO's own adapters hand pre-encoded packets to each client this way. */
const PRE_ENCODED = { preEncoded: true } as const;

/**
 * A `RealtimeConnection` over a Socket.IO socket: each message is emitted as the event named by its `type`,
 * with the message itself as the argument. Liveness is Engine.IO's own ping/pong (set to the heartbeat
 * interval), so the gateway's heartbeat leaves these connections alone.
 */
export class SocketIoConnection implements RealtimeConnection {
  readonly id = newConnectionId();
  readonly transport = 'socket.io' as const;
  readonly rooms = new Set<string>();

  constructor(
    private readonly socket: Socket,
    readonly user: AuthenticatedUser,
  ) {}

  send(message: ServerMessage): void {
    this.socket.emit(message.type, message);
  }

  /** What `emit(type, message)` would write, but encoded once per frame and shared by every recipient. */
  sendFrame(frame: OutboundFrame): void {
    if (this.socket.nsp.name !== '/') return void this.socket.emit(frame.message.type, frame.message);
    // Pre-encoded packets are strings; the typing only knows packet objects.
    this.socket.client._packet([frame.socketIoPacket] as never, PRE_ENCODED);
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
