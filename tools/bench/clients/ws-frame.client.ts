import { decode, encode } from '@msgpack/msgpack';
import { MSGPACK_PROTOCOL, type ClientMessageOf, type ServerMessageOf } from '@pulse/protocol';
import { WebSocket, type RawData } from 'ws';
import type { BenchClient, ClientSink } from './bench-client';
import { withTimeout } from './with-timeout';

/** The frames the bench reads, typed by the protocol; Pulse confirms a join with `snapshot`, the plain relay with its own `joined`. */
type Inbound =
  | ServerMessageOf<'move'>
  | ServerMessageOf<'pong'>
  | ServerMessageOf<'error'>
  | ServerMessageOf<'snapshot'>
  | ServerMessageOf<'batch'>
  | ServerMessageOf<'presence'>
  | ServerMessageOf<'ack'>
  | { type: 'joined'; room: string };

/**
 * A client over a native WebSocket (`ws`), speaking Pulse's JSON frames; the plain `ws` relay speaks the same
 * ones. Inbound frames are parsed but not validated, so the client costs the same against every server.
 */
export class WsFrameClient implements BenchClient {
  private readonly joins = new Map<string, () => void>();
  private closing = false;
  /** Speaking MessagePack binary frames (the server chose `pulse.v1.msgpack`) instead of JSON text. */
  private readonly binary: boolean;

  private constructor(
    private readonly socket: WebSocket,
    private readonly sink: ClientSink,
    private readonly timeoutMs: number,
  ) {
    this.binary = socket.protocol === MSGPACK_PROTOCOL;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = data as Buffer;
      sink.bytes?.(bytes.length);
      this.onFrame((isBinary ? decode(bytes) : JSON.parse(bytes.toString())) as Inbound);
    });
    socket.on('ping', () => sink.heartbeat());
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!this.closing) sink.dropped();
    });
  }

  /**
   * `protocol`: the subprotocol to offer (Pulse's version, as its SDK does); none for the plain relay. `batchHz`:
   * ask Pulse for per-tick batching right after the upgrade, as the SDK's `batchHz` option does.
   */
  static open(
    url: string,
    sink: ClientSink,
    timeoutMs: number,
    protocol?: string,
    batchHz = 0,
  ): Promise<WsFrameClient> {
    const socket = new WebSocket(url, protocol, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.removeAllListeners('error');
        const client = new WsFrameClient(socket, sink, timeoutMs);
        if (batchHz > 0) client.send({ type: 'batching', hz: batchHz });
        resolve(client);
      });
      socket.once('error', (error) => reject(error));
      socket.once('unexpected-response', (_request, response) => {
        socket.terminate();
        reject(new Error(`upgrade refused: HTTP ${response.statusCode}`));
      });
    });
  }

  join(room: string): Promise<void> {
    const joined = new Promise<void>((resolve) => this.joins.set(room, resolve));
    this.send({ type: 'join', room } satisfies ClientMessageOf<'join'>);
    return withTimeout(joined, this.timeoutMs, `join ${room}`);
  }

  move(room: string, x: number, y: number): void {
    this.send({ type: 'move', room, x, y } satisfies ClientMessageOf<'move'>);
  }

  ping(t: number): void {
    this.send({ type: 'ping', t } satisfies ClientMessageOf<'ping'>);
  }

  close(): void {
    this.closing = true;
    this.socket.terminate();
  }

  send(message: ClientMessageOf<'join' | 'move' | 'ping' | 'batching'>): void {
    if (this.socket.readyState === WebSocket.OPEN)
      this.socket.send(this.binary ? encode(message) : JSON.stringify(message));
  }

  private onFrame(frame: Inbound): void {
    switch (frame.type) {
      case 'batch':
        for (const message of frame.messages) this.onFrame(message as Inbound);
        return;
      case 'move':
        return this.sink.move(frame.player, frame.x, frame.y);
      case 'pong':
        return this.sink.pong(frame.t);
      case 'error':
        return this.sink.error(frame.code);
      case 'snapshot':
      case 'joined':
        this.joins.get(frame.room)?.();
        this.joins.delete(frame.room);
        return this.sink.other();
      default:
        return this.sink.other();
    }
  }
}
