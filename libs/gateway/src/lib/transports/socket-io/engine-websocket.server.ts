import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

/** Called with each WebSocket Engine.IO opens, before Engine.IO sees it, and the upgrade request it came with. */
export type EngineWebSocketHook = (socket: WebSocket, request: IncomingMessage) => void;

/**
 * The `wsEngine` Engine.IO makes its WebSocket server from (`new wsEngine({ noServer, perMessageDeflate, ... })`):
 * `ws`' own server with `autoPong: false`, so no ping is answered by `ws` itself, and `hook` sees every socket
 * first to take over its control frames.
 */
export function engineWebSocketServer(
  hook: EngineWebSocketHook,
): new (options: ServerOptions) => WebSocketServer {
  return class EngineWebSocketServer extends WebSocketServer {
    constructor(options: ServerOptions) {
      super({ ...options, autoPong: false });
    }

    override handleUpgrade(
      request: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      callback: (client: WebSocket, request: IncomingMessage) => void,
    ): void {
      super.handleUpgrade(request, socket, head, (client, upgraded) => {
        hook(client, upgraded);
        callback(client, upgraded);
      });
    }
  };
}
