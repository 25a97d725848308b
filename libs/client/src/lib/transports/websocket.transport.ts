import {
  decodeServerMessage,
  encodeMessage,
  ErrorCode,
  type ClientMessage,
  type DecodeResult,
  type ServerMessage,
} from '@pulse/protocol';
import type { PulseSocket, WebSocketConstructor } from '../web-socket.types';
import type { Transport, TransportConnection, TransportEvents } from './transport';

const OPEN = 1;

/** Decodes what a WebSocket `message` event carried: only JSON text frames are part of the protocol. */
export function decodeWebSocketFrame(data: unknown): DecodeResult<ServerMessage> {
  if (typeof data === 'string') return decodeServerMessage(data);
  return {
    ok: false,
    error: { code: ErrorCode.INVALID_MESSAGE, message: 'binary frames are not part of the protocol' },
  };
}

/** The native transport: `GET <url>?ticket=...`, one JSON text frame per message. */
export class WebSocketTransport implements Transport {
  constructor(
    private readonly url: URL,
    private readonly WebSocketImpl: WebSocketConstructor,
  ) {}

  open(ticket: string, events: TransportEvents): TransportConnection {
    const url = new URL(this.url);
    url.searchParams.set('ticket', ticket);
    return new WebSocketConnection(new this.WebSocketImpl(url.toString()), events);
  }
}

class WebSocketConnection implements TransportConnection {
  private ended = false;

  constructor(
    private readonly socket: PulseSocket,
    events: TransportEvents,
  ) {
    socket.addEventListener('open', () => {
      if (!this.ended) events.opened();
    });
    socket.addEventListener('message', (event) => {
      if (!this.ended) events.received(decodeWebSocketFrame(event.data));
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
    this.socket.send(encodeMessage(message));
  }

  close(code: number, reason: string): void {
    this.ended = true;
    this.socket.close(code, reason);
  }
}
