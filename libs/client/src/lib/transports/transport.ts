import type { ClientMessage, DecodeResult, ServerMessage } from '@pulse/protocol';

/** Which wire carries the protocol: the native WebSocket endpoint, or Socket.IO on the same host and port. */
export type TransportName = 'websocket' | 'socket.io';

/**
 * RFC 6455's code for a connection that ended without a close frame (never sent on the wire). Transports report it
 * for a link that failed or was refused before or without a close handshake; it is not terminal.
 */
export const ABNORMAL_CLOSURE = 1006;

/**
 * What a connection reports to its owner. Nothing fires synchronously inside `Transport.open`, nothing fires after
 * `closed`, and nothing fires after the owner called `TransportConnection.close`.
 */
export interface TransportEvents {
  /** The link is up: `send` now delivers. */
  opened(): void;
  /** A message arrived: decoded and checked against the protocol, or the reason it was refused. */
  received(result: DecodeResult<ServerMessage>): void;
  /**
   * The link is gone, or never came up (a refused ticket included), in WebSocket close-code terms. Fires once.
   * A code in `TERMINAL_CLOSE_CODES` means: do not reconnect.
   */
  closed(code: number, reason: string): void;
}

/** One connection attempt. */
export interface TransportConnection {
  /** True from `opened` until the link ends. */
  readonly isOpen: boolean;
  /** Sends a message on an open link. */
  send(message: ClientMessage): void;
  /** Ends the link from this side; no event fires after it. The code and reason reach the peer where the wire can. */
  close(code: number, reason: string): void;
}

/** How `PulseClient` reaches the server: it opens one connection per attempt, each with a fresh ticket. */
export interface Transport {
  /** Starts a connection authenticated by `ticket`. Throws only when it cannot even be attempted. */
  open(ticket: string, events: TransportEvents): TransportConnection;
}
