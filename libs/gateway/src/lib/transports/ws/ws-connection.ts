import type { AuthenticatedUser } from '@pulse/auth';
import { CloseCode, type ServerMessage } from '@pulse/protocol';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { DEFAULT_SEND_BUDGET, SendBacklog, type SendBudget } from '../../backpressure/send-backlog';
import type { RealtimeConnection } from '../../connection/realtime-connection';
import { OutboundFrame } from '../../dispatch/outbound-frame';
import { turnWriter } from './turn-writer';

/** How often a backlogged connection checks whether its buffer drained. */
const DRAIN_CHECK_MS = 25;
/** A slow reader's close frame waits behind its buffered data; this long, before the socket is dropped. */
const SLOW_CLOSE_GRACE_MS = 5000;

/**
 * A `RealtimeConnection` over a `ws` socket, with a send budget: a client that reads too slowly gets its moves
 * conflated while its buffer is above the high-water mark, and is closed with SLOW_CONSUMER past the hard limit,
 * so one slow reader never costs the server unbounded memory or slows anyone else.
 */
export class WsConnection implements RealtimeConnection {
  readonly id = randomUUID();
  readonly transport = 'ws' as const;
  readonly rooms = new Set<string>();
  private alive = true;
  private backlog: SendBacklog | null = null;
  private drainTimer?: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    readonly user: AuthenticatedUser,
    private readonly budget: SendBudget = DEFAULT_SEND_BUDGET,
    /** The upgraded request's TCP socket, which `ws` writes its frames to. */
    private readonly tcp: Socket,
  ) {
    socket.once('close', () => this.stopDraining());
  }

  /** Whether moves are being conflated for this connection right now. */
  get backlogged(): boolean {
    return this.backlog !== null;
  }

  send(message: ServerMessage): void {
    this.sendFrame(OutboundFrame.of(message));
  }

  sendFrame(frame: OutboundFrame): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (!this.backlog && this.socket.bufferedAmount <= this.budget.highWaterBytes) {
      // The frame's bytes are complete and shared; `ws` queues nothing of its own with compression off.
      turnWriter.write(this.tcp, frame.wireFrame);
      return;
    }
    this.backlog ??= this.startDraining();
    this.backlog.push(frame);
    if (this.socket.bufferedAmount + this.backlog.bytes > this.budget.hardLimitBytes) {
      this.stopDraining();
      this.backlog = null;
      void this.closeWithin(CloseCode.SLOW_CONSUMER, 'send buffer over its limit; reconnect and resume', SLOW_CLOSE_GRACE_MS);
    }
  }

  close(code: CloseCode, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Closes with a handshake, and terminates if the peer has not completed it within `graceMs`. */
  closeWithin(code: CloseCode, reason: string, graceMs: number): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.terminate(), graceMs);
      timer.unref();
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

  private startDraining(): SendBacklog {
    this.drainTimer = setInterval(() => this.drainIfBelowLowWater(), DRAIN_CHECK_MS);
    this.drainTimer.unref();
    return new SendBacklog();
  }

  private drainIfBelowLowWater(): void {
    if (!this.backlog || this.socket.bufferedAmount > this.budget.lowWaterBytes) return;
    const frames = this.backlog.drain();
    this.backlog = null;
    this.stopDraining();
    for (const frame of frames) this.sendFrame(frame);
  }

  private stopDraining(): void {
    clearInterval(this.drainTimer);
    this.drainTimer = undefined;
  }
}
