import type {
  ClientMessageOf,
  ClientMessageType,
  DecodeResult,
  ServerMessage,
  ServerMessageOf,
  ServerMessageType,
} from '@pulse/protocol';
import { decodeServerMessage, ErrorCode, isServerMessageType } from '@pulse/protocol';

/**
 * The Socket.IO event maps, derived from the registry: an event is named by a message's `type` and carries that
 * whole message (`type` included) as its single argument.
 */
export type ClientToServerEvents = { [T in ClientMessageType]: (message: ClientMessageOf<T>) => void };
export type ServerToClientEvents = { [T in ServerMessageType]: (message: ServerMessageOf<T>) => void };

/** Where the server serves Socket.IO, on the same port as the WebSocket endpoint (Socket.IO's default). */
export const DEFAULT_SOCKET_IO_PATH = '/socket.io';

function invalid(message: string): DecodeResult<ServerMessage> {
  return { ok: false, error: { code: ErrorCode.INVALID_MESSAGE, message } };
}

/**
 * Checks a Socket.IO event against the protocol, exactly as a WebSocket text frame would be checked. Never throws.
 * The event name must be a server message type and its one argument that message, with the same `type`.
 */
export function decodeSocketIoEvent(event: string, args: readonly unknown[]): DecodeResult<ServerMessage> {
  if (!isServerMessageType(event))
    return { ok: false, error: { code: ErrorCode.UNKNOWN_TYPE, message: 'unknown event' } };
  if (args.length !== 1) return invalid('an event carries exactly one argument, the message');
  const [message] = args;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return invalid('the event argument must be the message object');
  }
  if (!('type' in message) || message.type !== event)
    return invalid('field "type" must equal the event name');
  let frame: string;
  try {
    frame = JSON.stringify(message);
  } catch {
    return invalid('the event argument is not JSON');
  }
  return decodeServerMessage(frame);
}
