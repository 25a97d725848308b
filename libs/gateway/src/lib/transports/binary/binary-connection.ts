import type { AuthenticatedUser } from '@pulse/auth';
import { CloseCode, type ServerMessage } from '@pulse/protocol';
import { WebSocket } from 'ws';
import { DEFAULT_SEND_BUDGET, type SendBudget } from '../../backpressure/send-backlog';
import { newConnectionId } from '../../connection/connection-id';
import type { RealtimeConnection } from '../../connection/realtime-connection';
import type { OutboundFrame } from '../../dispatch/outbound-frame';
import { closeWithin } from '../ws/close-within';

/** A binary frame, and whether it came over the connection's message budget (`RATE_LIMIT_*` settings). */
export type BinaryFrameListener = (data: Uint8Array, overBudget: boolean) => void;

const SLOW_CLOSE_GRACE_MS = 5000;

/**
 * A connection of a `BinaryRoute`: a native WebSocket that carries the route's own binary frames. It is a
 * `RealtimeConnection` like the others, so connection caps, the heartbeat, session expiry (4001), revocation and
 * draining apply to it unchanged. Pulse's JSON messages (`send`, `sendFrame`: `reauth-required`, room events)
 * have no place in a binary protocol and are not written; a text frame from the peer closes it with 1003.
 */
export class BinaryConnection implements RealtimeConnection {
  readonly id = newConnectionId();
  readonly transport = 'ws' as const;
  readonly rooms = new Set<string>();
  private alive = true;
  private readonly frameListeners: BinaryFrameListener[] = [];
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly socket: WebSocket,
    readonly user: AuthenticatedUser,
    /** What follows the route's prefix in the request's path, still URL-encoded. */
    readonly path: string,
    private readonly budget: SendBudget = DEFAULT_SEND_BUDGET,
  ) {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  onFrame(listener: BinaryFrameListener): void {
    this.frameListeners.push(listener);
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Writes one binary frame; a peer whose send buffer is past the hard limit is closed with 4009 instead. */
  sendBinary(data: Uint8Array): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount + data.byteLength > this.budget.hardLimitBytes) {
      return void this.closeWithin(
        CloseCode.SLOW_CONSUMER,
        'send buffer over its limit; reconnect',
        SLOW_CLOSE_GRACE_MS,
      );
    }
    this.socket.send(data, { binary: true });
  }

  send(_message: ServerMessage): void {
    return;
  }

  sendFrame(_frame: OutboundFrame): void {
    return;
  }

  setBatching(): boolean {
    return false;
  }

  close(code: CloseCode, reason: string): void {
    this.socket.close(code, reason);
  }

  closeWithin(code: CloseCode, reason: string, graceMs: number): Promise<void> {
    return closeWithin(this.socket, code, reason, graceMs);
  }

  markAlive(): void {
    this.alive = true;
  }

  checkAlive(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    if (this.open) this.socket.ping();
    return true;
  }

  terminate(): void {
    this.socket.terminate();
  }

  stopReading(): void {
    this.socket.pause();
  }

  /** Called by the transport for each data frame of the socket. */
  received(data: Buffer, isBinary: boolean, overBudget: boolean): void {
    this.markAlive();
    if (!isBinary) return this.close(CloseCode.UNSUPPORTED_DATA, 'this endpoint speaks binary frames only');
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (const listener of this.frameListeners) listener(bytes, overBudget);
  }

  /** Called by the transport once the socket closed. */
  closed(): void {
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
