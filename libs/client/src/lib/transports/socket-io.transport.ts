import { CloseCode, type ClientMessage, type ClientMessageOf, type ClientMessageType } from '@pulse/protocol';
import type { Socket } from 'socket.io-client';
import {
  decodeSocketIoEvent,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from './socket-io.events';
import { loadSocketIo, type SocketIoFactory } from './socket-io.loader';
import {
  ABNORMAL_CLOSURE,
  type Transport,
  type TransportConnection,
  type TransportEvents,
} from './transport';

type PulseIoSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketIoTransportOptions {
  /** The server, as the ws(s) URL of its WebSocket endpoint; only its origin is used. */
  url: URL;
  /** The path Socket.IO is served at. */
  path: string;
}

/**
 * Socket.IO with the ticket in the Engine.IO handshake's URL (`?ticket=`): the server makes no session without one.
 * Socket.IO's own reconnection is off: `PulseClient` owns reconnecting (backoff, a fresh ticket per attempt), so a
 * `connect_error` simply ends this attempt.
 */
export class SocketIoTransport implements Transport {
  private readonly origin: string;

  constructor(private readonly options: SocketIoTransportOptions) {
    this.origin = `${options.url.protocol === 'wss:' ? 'https' : 'http'}://${options.url.host}`;
  }

  open(ticket: string, events: TransportEvents): TransportConnection {
    const connection = new SocketIoConnection(events);
    loadSocketIo().then(
      (io) => connection.attach(() => this.connect(io, ticket)),
      (error: unknown) =>
        connection.fail(
          `socket.io-client did not load: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
    return connection;
  }

  private connect(io: SocketIoFactory, ticket: string): PulseIoSocket {
    return io(this.origin, {
      path: this.options.path,
      // Engine.IO puts `query` in the handshake's URL, where the server checks it before it makes a session; the
      // session's later requests carry it too and pass on their `sid` alone.
      query: { ticket },
      reconnection: false,
      // A Manager of its own per attempt: the ticket is single use, and no other socket shares this link.
      forceNew: true,
      // WebSocket first; long-polling when WebSocket cannot get through (a proxy that blocks upgrades). The
      // ticket is redeemed by the handshake that reaches the server: a WebSocket attempt a proxy stops never
      // burns it, and one the server refuses would have been refused over long-polling too.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
  }
}

function emitMessage<T extends ClientMessageType>(
  socket: PulseIoSocket,
  type: T,
  message: ClientMessageOf<T>,
): void {
  // Sound: the parameters of event T are [ClientMessageOf<T>]; TypeScript defers `Parameters<>` of a generic.
  const args = [message] as Parameters<ClientToServerEvents[T]>;
  socket.emit(type, ...args);
}

/** One attempt; its socket exists once socket.io-client has loaded, unless the attempt was closed before. */
class SocketIoConnection implements TransportConnection {
  private ended = false;
  private socket: PulseIoSocket | undefined;

  constructor(private readonly events: TransportEvents) {}

  attach(create: () => PulseIoSocket): void {
    if (this.ended) return;
    const socket = create();
    this.socket = socket;
    const events = this.events;
    socket.on('connect', () => {
      if (!this.ended) events.opened();
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!this.ended) events.received(decodeSocketIoEvent(event, args));
    });
    const end = (code: number, reason: string) => {
      if (this.ended) return;
      this.ended = true;
      socket.disconnect();
      events.closed(code, reason);
    };
    // A refused ticket (the server's middleware called next(err)) or an unreachable server.
    socket.on('connect_error', (error) => end(ABNORMAL_CLOSURE, error.message));
    // Socket.IO has no close codes: a deliberate disconnect by the server reads as "going away", anything else as
    // a link that died. Neither is terminal; a user the server no longer accepts is refused a ticket instead.
    socket.on('disconnect', (reason) =>
      end(reason === 'io server disconnect' ? CloseCode.GOING_AWAY : ABNORMAL_CLOSURE, reason),
    );
  }

  /** socket.io-client could not be fetched: the attempt ends like an unreachable server, and is retried. */
  fail(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.events.closed(ABNORMAL_CLOSURE, reason);
  }

  get isOpen(): boolean {
    return !this.ended && this.socket?.connected === true;
  }

  send(message: ClientMessage): void {
    if (this.socket) emitMessage(this.socket, message.type, message);
  }

  close(): void {
    this.ended = true;
    this.socket?.disconnect();
  }
}
