/**
 * Error codes carried by `{"type":"error","code":...}`. Only ever appended to: a code, once shipped,
 * keeps its meaning.
 */
export const ErrorCode = {
  /** The frame is not JSON, not an object, or a field is missing or has the wrong type. */
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  /** The frame's `type` is not a client message of this protocol version. */
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  /** The message names a room this connection has not joined. */
  NOT_IN_ROOM: 'NOT_IN_ROOM',
  /** A binary frame; protocol v1 speaks JSON text frames only. */
  BINARY_NOT_SUPPORTED: 'BINARY_NOT_SUPPORTED',
  /** A guard or room policy refused the message. */
  FORBIDDEN: 'FORBIDDEN',
  /** The connection sends faster than its budget allows. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The server failed while handling a valid message; the message may be retried. */
  INTERNAL: 'INTERNAL',
  /** A dependency (the shared store) is down; the message was not applied. Retry with backoff. */
  UNAVAILABLE: 'UNAVAILABLE',
  /**
   * A cap was reached (rooms per connection, room creations per minute per user); the message was not applied and
   * the connection stays. Leave a room first, or retry after the `error`'s `message` says.
   */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * WebSocket close codes the server uses. 1000-1015 are RFC 6455's; 4000-4999 are Pulse's own.
 * Numbers are only ever appended to.
 */
export const CloseCode = {
  /** A deliberate close by either side. Do not reconnect. */
  NORMAL: 1000,
  /** The server is shutting down or the page is going away. Reconnect with backoff. */
  GOING_AWAY: 1001,
  /** The peer broke the protocol (policy violation). */
  POLICY_VIOLATION: 1008,
  /** A frame was larger than `WS_MAX_PAYLOAD_BYTES`. */
  MESSAGE_TOO_BIG: 1009,
  /** The server hit an unexpected condition. Reconnect with backoff. */
  INTERNAL_ERROR: 1011,
  /** The server is restarting. Reconnect with backoff, to another node if there is one. */
  SERVICE_RESTART: 1012,
  /** The connection missed its heartbeat and was presumed dead (seen by the client as 1006). */
  HEARTBEAT_TIMEOUT: 4000,
  /** The identity behind the connection is no longer valid; get a new ticket before reconnecting. */
  AUTH_EXPIRED: 4001,
  /** The user was revoked by an administrator. Do not reconnect automatically. */
  AUTH_REVOKED: 4003,
  /** The connection kept exceeding its message budget. */
  RATE_LIMIT_EXCEEDED: 4008,
  /** The client read too slowly and its send buffer passed the hard limit. Reconnect and resume from your seq. */
  SLOW_CONSUMER: 4009,
  /**
   * The user already has `MAX_CONNECTIONS_PER_USER` sockets on this node; this newest one is refused (older ones stay).
   * Reconnect with backoff, or close another tab.
   */
  TOO_MANY_CONNECTIONS: 4029,
  /** A text frame on an endpoint that speaks binary frames only (`/collab/<document>`). */
  UNSUPPORTED_DATA: 1003,
  /**
   * `/collab/`: a frame that is not a y-protocols message, or a sync message whose update is truncated or malformed.
   * Nothing of it was applied or stored; the document and its other clients are unaffected.
   */
  INVALID_DOCUMENT_MESSAGE: 4400,
  /**
   * `/collab/`: the document store (Redis) did not take an update, so it was not applied. Reconnect with backoff:
   * the client's next sync sends the update again.
   */
  DOCUMENT_UNAVAILABLE: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client should not reconnect on its own. */
export const TERMINAL_CLOSE_CODES: readonly CloseCode[] = [
  CloseCode.NORMAL,
  CloseCode.POLICY_VIOLATION,
  CloseCode.AUTH_REVOKED,
];
