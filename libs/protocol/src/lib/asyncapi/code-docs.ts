import { CloseCode, ErrorCode } from '../codes';
import type { JsonSchema } from './asyncapi.types';

/**
 * What each error code means, for the document. Keyed by every name of `ErrorCode`: a code appended there without
 * a line here is a compile error. The wording follows the comments in codes.ts.
 */
export const errorCodeDocs: Readonly<Record<keyof typeof ErrorCode, string>> = {
  INVALID_MESSAGE: 'The frame is not JSON, not an object, or a field is missing or has the wrong type.',
  UNKNOWN_TYPE: "The frame's `type` is not a client message of this protocol version.",
  NOT_IN_ROOM: 'The message names a room this connection has not joined.',
  BINARY_NOT_SUPPORTED: 'A binary frame; protocol v1 speaks JSON text frames only.',
  FORBIDDEN: 'A guard or room policy refused the message.',
  RATE_LIMITED: 'The connection sends faster than its budget allows.',
  INTERNAL: 'The server failed while handling a valid message; the message may be retried.',
  UNAVAILABLE: 'A dependency (the shared store) is down; the message was not applied. Retry with backoff.',
  LIMIT_EXCEEDED:
    'A cap was reached (rooms per connection, room creations per minute per user); the message was not applied and the connection stays. Leave a room first, or retry later.',
};

/** What each close code means and what a client does after it. Keyed by every name of `CloseCode`. */
export const closeCodeDocs: Readonly<Record<keyof typeof CloseCode, string>> = {
  NORMAL: 'A deliberate close by either side. Do not reconnect.',
  GOING_AWAY: 'The server is shutting down or the page is going away. Reconnect with backoff.',
  POLICY_VIOLATION: 'The peer broke the protocol (policy violation). Do not reconnect.',
  MESSAGE_TOO_BIG: "A frame was larger than the server's maximum payload.",
  INTERNAL_ERROR: 'The server hit an unexpected condition. Reconnect with backoff.',
  SERVICE_RESTART: 'The server is restarting. Reconnect with backoff, to another node if there is one.',
  HEARTBEAT_TIMEOUT:
    'The connection missed its heartbeat and was presumed dead (seen by the client as 1006).',
  AUTH_EXPIRED:
    'The identity behind the connection is no longer valid; get a new ticket before reconnecting.',
  AUTH_REVOKED: 'The user was revoked by an administrator. Do not reconnect automatically.',
  RATE_LIMIT_EXCEEDED: 'The connection kept exceeding its message budget.',
  SLOW_CONSUMER:
    'The client read too slowly and its send buffer passed the hard limit. Reconnect and resume from your seq.',
  TOO_MANY_CONNECTIONS:
    'The user already has the most sockets allowed on this node; this newest one is refused, older ones stay. Reconnect with backoff, or close another tab.',
  UNSUPPORTED_DATA: 'A text frame on an endpoint that speaks binary frames only (`/collab/<document>`).',
  INVALID_DOCUMENT_MESSAGE:
    '`/collab/`: a frame that is not a y-protocols message, or a sync message whose update is truncated or malformed. Nothing of it was applied or stored; the document and its other clients are unaffected.',
  DOCUMENT_UNAVAILABLE:
    '`/collab/`: the document store did not take an update, so it was not applied. Reconnect with backoff: the next sync sends the update again.',
};

function namesOf<C extends Record<string, string | number>>(codes: C): (keyof C & string)[] {
  // Sound: the keys of a const object are its own names.
  return Object.keys(codes) as (keyof C & string)[];
}

/** `ErrorCode` as a JSON Schema: one documented `const` per code. */
export function errorCodeSchema(): JsonSchema {
  return {
    title: 'ErrorCode',
    description:
      'The `code` of an `error` message. Codes are only ever appended to; a shipped code keeps its meaning.',
    type: 'string',
    oneOf: namesOf(ErrorCode).map((name) => ({
      const: ErrorCode[name],
      title: name,
      description: errorCodeDocs[name],
    })),
  };
}

/** `CloseCode` as a JSON Schema: one documented `const` per WebSocket close code the server uses. */
export function closeCodeSchema(): JsonSchema {
  return {
    title: 'CloseCode',
    description:
      "WebSocket close codes the server uses: 1000-1015 are RFC 6455's, 4000-4999 are Pulse's own. " +
      'Numbers are only ever appended to.',
    type: 'integer',
    oneOf: namesOf(CloseCode).map((name) => ({
      const: CloseCode[name],
      title: name,
      description: closeCodeDocs[name],
    })),
  };
}

/** A Markdown table of the close codes, for descriptions. */
export function closeCodeTable(): string {
  const rows = namesOf(CloseCode).map(
    (name) => `| ${CloseCode[name]} | \`${name}\` | ${closeCodeDocs[name]} |`,
  );
  return ['| code | name | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** A Markdown list of the error codes, for descriptions. */
export function errorCodeList(): string {
  return namesOf(ErrorCode)
    .map((name) => `- \`${ErrorCode[name]}\`: ${errorCodeDocs[name]}`)
    .join('\n');
}
