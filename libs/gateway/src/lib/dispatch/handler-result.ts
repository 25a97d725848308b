import { Logger } from '@nestjs/common';
import { isServerMessageType, type ServerMessage } from '@pulse/protocol';
import { Acknowledgement } from '../acks/acknowledge';

const log = new Logger('Gateways');
const warned = new Set<string>();

/**
 * What a handler's return value (or one value of its Observable) sends back to the sender: a server message as
 * is; Nest's `{ event, data }` as `{ type: event, ...data }` when `event` is a server message type; an
 * `acknowledge(seq)` nothing (its seq goes into the `ack`). A `{ event, data }` Pulse cannot send is logged once
 * per event name; `undefined` and other values send nothing, as before.
 */
export function answerOf(result: unknown): ServerMessage | Acknowledgement | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  if (result instanceof Acknowledgement) return result;
  const { type, event, data } = result as { type?: unknown; event?: unknown; data?: unknown };
  if (typeof type === 'string') return isServerMessageType(type) ? (result as ServerMessage) : undefined;
  if (typeof event !== 'string' || !('data' in result)) return undefined;
  const body = data === undefined ? {} : data;
  if (isServerMessageType(event) && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return Object.assign({ type: event }, body, { type: event }) as ServerMessage;
  }
  if (!warned.has(event)) {
    warned.add(event);
    log.warn(
      `a handler returned { event: "${event}", data } that Pulse cannot send: the event is not a server message type of the protocol, or its data is not an object`,
    );
  }
  return undefined;
}
