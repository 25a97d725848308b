import {
  decodeBinaryServerMessage,
  decodeServerMessage,
  encodeBinaryMessage,
  encodeMessage,
  ErrorCode,
  MSGPACK_PROTOCOL,
  type ClientMessage,
  type DecodeResult,
  type ServerMessage,
  type WireEncoding,
} from '@pulse/protocol';
import type { PulseSocket, WebSocketConstructor } from '../web-socket.types';
import type { Transport, TransportConnection, TransportEvents } from './transport';

const OPEN = 1;

/**
 * Decodes what a WebSocket `message` event carried: JSON text frames, and with the MessagePack encoding binary
 * frames (an `ArrayBuffer`, or a `Uint8Array` such as Node's `Buffer`).
 */
export function decodeWebSocketFrame(
  data: unknown,
  encoding: WireEncoding = 'json',
): DecodeResult<ServerMessage> {
  if (typeof data === 'string') return decodeServerMessage(data);
  if (encoding === 'msgpack' && data instanceof ArrayBuffer)
    return decodeBinaryServerMessage(new Uint8Array(data));
  if (encoding === 'msgpack' && data instanceof Uint8Array) return decodeBinaryServerMessage(data);
  return {
    ok: false,
    error: { code: ErrorCode.INVALID_MESSAGE, message: 'binary frames are not part of the protocol' },
  };
}

/**
 * The native transport: `GET <url>?ticket=...`, one JSON text frame per message; or, with `encoding: 'msgpack'`,
 * the subprotocol `pulse.v1.msgpack` and one MessagePack binary frame per message each way.
 */
export class WebSocketTransport implements Transport {
  constructor(
    private readonly url: URL,
    private readonly WebSocketImpl: WebSocketConstructor,
    private readonly encoding: WireEncoding = 'json',
  ) {}

  open(ticket: string, events: TransportEvents): TransportConnection {
    const url = new URL(this.url);
    url.searchParams.set('ticket', ticket);
    const socket =
      this.encoding === 'msgpack'
        ? new this.WebSocketImpl(url.toString(), [MSGPACK_PROTOCOL])
        : new this.WebSocketImpl(url.toString());
    if (this.encoding === 'msgpack') socket.binaryType = 'arraybuffer';
    return new WebSocketConnection(socket, events, this.encoding);
  }
}

class WebSocketConnection implements TransportConnection {
  private ended = false;

  constructor(
    private readonly socket: PulseSocket,
    events: TransportEvents,
    private readonly encoding: WireEncoding,
  ) {
    socket.addEventListener('open', () => {
      if (!this.ended) events.opened();
    });
    socket.addEventListener('message', (event) => {
      if (!this.ended) events.received(decodeWebSocketFrame(event.data, this.encoding));
    });
    socket.addEventListener('close', (event) => {
      if (this.ended) return;
      this.ended = true;
      events.closed(event.code, event.reason);
    });
    // A close event always follows an error event; listening keeps Node's `ws` from throwing it.
    socket.addEventListener('error', () => undefined);
  }

  get isOpen(): boolean {
    return !this.ended && this.socket.readyState === OPEN;
  }

  send(message: ClientMessage): void {
    this.socket.send(this.encoding === 'msgpack' ? encodeBinaryMessage(message) : encodeMessage(message));
  }

  close(code: number, reason: string): void {
    this.ended = true;
    this.socket.close(code, reason);
  }
}
