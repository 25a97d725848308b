import type { AuthenticatedUser } from '@pulse/auth';
import type { CloseCode, ServerMessage } from '@pulse/protocol';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { OutboundFrame } from '../../dispatch/outbound-frame';
import type { RealtimeConnection } from '../../connection/realtime-connection';

/** A `RealtimeConnection` over a `ws` socket. */
export class WsConnection implements RealtimeConnection {
  readonly id = randomUUID();
  readonly transport = 'ws' as const;
  readonly rooms = new Set<string>();
  private alive = true;

  constructor(
    private readonly socket: WebSocket,
    readonly user: AuthenticatedUser,
  ) {}

  send(message: ServerMessage): void {
    this.sendFrame(OutboundFrame.of(message));
  }

  sendFrame(frame: OutboundFrame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame.text);
  }

  close(code: CloseCode, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Closes with a handshake, and terminates if the peer has not completed it within `graceMs`. */
  closeWithin(code: CloseCode, reason: string, graceMs: number): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.terminate(), graceMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close(code, reason);
    });
  }

  markAlive(): void {
    this.alive = true;
  }

  checkAlive(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
    return true;
  }

  terminate(): void {
    this.socket.terminate();
  }
}
