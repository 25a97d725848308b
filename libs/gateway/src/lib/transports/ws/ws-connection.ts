import type { AuthenticatedUser } from '@pulse/auth';
import { CloseCode, type ServerMessage, type WireEncoding } from '@pulse/protocol';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { DEFAULT_SEND_BUDGET, SendBacklog, type SendBudget } from '../../backpressure/send-backlog';
import { newConnectionId } from '../../connection/connection-id';
import type { RealtimeConnection } from '../../connection/realtime-connection';
import { OutboundFrame } from '../../dispatch/outbound-frame';
import {
  BatchEncoder,
  batchClockFor,
  type BatchClock,
  type BatchedConnection,
} from '../../batching/batch-clock';
import { turnWriter } from './turn-writer';
import { closeWithin } from './close-within';

/** How often a backlogged connection checks whether its buffer drained. */
const DRAIN_CHECK_MS = 25;
/** A slow reader's close frame waits behind its buffered data; this long, before the socket is dropped. */
const SLOW_CLOSE_GRACE_MS = 5000;

/**
 * A `RealtimeConnection` over a `ws` socket, with a send budget: a client that reads too slowly gets its moves
 * conflated while its buffer is above the high-water mark, and is closed with SLOW_CONSUMER past the hard limit,
 * so one slow reader never costs the server unbounded memory or slows anyone else.
 */
export class WsConnection implements RealtimeConnection, BatchedConnection {
  readonly id = newConnectionId();
  readonly transport = 'ws' as const;
  readonly rooms = new Set<string>();
  private alive = true;
  private backlog: SendBacklog | null = null;
  private drainTimer?: NodeJS.Timeout;
  /** Set while the client asked for per-tick batching: the frames waiting for the next tick. */
  private batch: { clock: BatchClock; frames: OutboundFrame[]; bytes: number } | null = null;

  constructor(
    private readonly socket: WebSocket,
    readonly user: AuthenticatedUser,
    private readonly budget: SendBudget = DEFAULT_SEND_BUDGET,
    /** The upgraded request's TCP socket, which `ws` writes its frames to. */
    private readonly tcp: Socket,
    /** JSON text frames, or MessagePack binary frames for a client that negotiated `pulse.v1.msgpack`. */
    readonly encoding: WireEncoding = 'json',
  ) {}

  /**
   * The socket closed (or is being closed for reading too slowly): timers and batching stop. Called by the
   * transport's one `close` listener per socket.
   */
  closed(): void {
    this.stopDraining();
    this.batch?.clock.cancel(this);
    this.batch = null;
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
    const batch = this.batch;
    if (!batch) return this.deliver(frame);
    if (batch.frames.length === 0) batch.clock.schedule(this);
    batch.frames.push(frame);
    batch.bytes += frame.text.length;
    if (this.socket.bufferedAmount + batch.bytes > this.budget.hardLimitBytes) this.closeSlow();
  }

  /** `hz` flushes per second; 0 sends what waits and turns batching off. */
  setBatching(hz: number): boolean {
    const previous = this.batch;
    if (previous?.clock.hz === hz) return true;
    previous?.clock.cancel(this);
    if (hz === 0) {
      this.batch = null;
      for (const frame of previous?.frames ?? []) this.deliver(frame);
      return true;
    }
    this.batch = { clock: batchClockFor(hz), frames: previous?.frames ?? [], bytes: previous?.bytes ?? 0 };
    if (this.batch.frames.length > 0) this.batch.clock.schedule(this);
    return true;
  }

  /** A tick: one frame for what waited, unless the peer reads slowly (then frame by frame, conflating moves). */
  flushBatch(encoder: BatchEncoder): void {
    const batch = this.batch;
    if (!batch || batch.frames.length === 0) return;
    const frames = batch.frames;
    batch.frames = [];
    batch.bytes = 0;
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.backlog || this.socket.bufferedAmount > this.budget.highWaterBytes) {
      for (const frame of frames) this.deliver(frame);
      return;
    }
    this.tcp.write(encoder.encode(frames).wireFrameFor(this.encoding));
  }

  private deliver(frame: OutboundFrame): void {
    if (!this.backlog && this.socket.bufferedAmount <= this.budget.highWaterBytes) {
      // The frame's bytes are complete and shared; `ws` queues nothing of its own with compression off.
      turnWriter.write(this.tcp, frame.wireFrameFor(this.encoding));
      return;
    }
    this.backlog ??= this.startDraining();
    this.backlog.push(frame);
    if (this.socket.bufferedAmount + this.backlog.bytes > this.budget.hardLimitBytes) this.closeSlow();
  }

  private closeSlow(): void {
    this.closed();
    this.backlog = null;
    void this.closeWithin(
      CloseCode.SLOW_CONSUMER,
      'send buffer over its limit; reconnect and resume',
      SLOW_CLOSE_GRACE_MS,
    );
  }

  close(code: CloseCode, reason: string): void {
    this.flushBatch(new BatchEncoder());
    this.socket.close(code, reason);
  }

  /** Closes with a handshake, and terminates if the peer has not completed it within `graceMs`. */
  closeWithin(code: CloseCode, reason: string, graceMs: number): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    // What waits for the next batching tick goes out before the close frame.
    this.flushBatch(new BatchEncoder());
    return closeWithin(this.socket, code, reason, graceMs);
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

  stopReading(): void {
    this.socket.pause();
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
