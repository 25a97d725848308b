import type { WireEncoding } from '@pulse/protocol';
import type { WebSocketConstructor } from '../web-socket.types';
import { DEFAULT_SOCKET_IO_PATH } from './socket-io.events';
import { SocketIoTransport } from './socket-io.transport';
import type { Transport, TransportName } from './transport';
import { WebSocketTransport } from './websocket.transport';

export interface TransportChoice {
  readonly transport?: TransportName;
  readonly WebSocketImpl?: WebSocketConstructor;
  readonly socketIoPath?: string;
  readonly encoding?: WireEncoding;
}

/** The transport a client's options ask for. Throws when the native WebSocket is wanted and none exists here. */
export function createTransport(url: URL, choice: TransportChoice): Transport {
  const name = choice.transport ?? 'websocket';
  if (name === 'socket.io')
    return new SocketIoTransport({ url, path: choice.socketIoPath ?? DEFAULT_SOCKET_IO_PATH });
  const Impl = choice.WebSocketImpl ?? globalThis.WebSocket;
  if (!Impl) throw new TypeError('No global WebSocket here: pass WebSocketImpl (e.g. from the ws package)');
  return new WebSocketTransport(url, Impl, choice.encoding ?? 'json');
}
