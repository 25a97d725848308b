import { decodeClientMessage, decodeClientValue, ErrorCode, type DecodeResult, isServerMessageType, type ClientMessage, type ServerMessage } from '@pulse/protocol';
import type { Observable } from 'rxjs';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { failureOf } from './failed-messages';

/** Nest's wrapped handler: runs guards, interceptors, pipes and filters around the method. */
export type WrappedHandler = (message: ClientMessage, type: string) => unknown;
export type ResultTransform = (result: unknown) => Observable<unknown>;

export interface DispatchCounters {
  received: number;
  refused: number;
}

/**
 * Routes one connection's inbound frames to the handlers of every gateway on the path. Every frame gets
 * an answer or an effect: invalid frames get an `error` (never the payload back), messages with an `id`
 * get an `ack` once handled, and a handler's return value is sent back to the sender.
 */
export class MessageDispatcher {
  private readonly handlers = new Map<string, WrappedHandler>();
  readonly counters: DispatchCounters = { received: 0, refused: 0 };

  constructor(
    private readonly connection: RealtimeConnection,
    private readonly transform: ResultTransform,
  ) {}

  addHandler(type: string, handler: WrappedHandler): void {
    this.handlers.set(type, handler);
  }

  dispatchBinary(): void {
    this.counters.received++;
    this.refuse(ErrorCode.BINARY_NOT_SUPPORTED, 'binary frames are not supported; send JSON text frames');
  }

  /** A native text frame. */
  dispatchText(frame: string): void {
    this.dispatch(decodeClientMessage(frame));
  }

  /**
   * A Socket.IO event: its name is the message `type`, its argument the message. `reply` is the event's
   * acknowledgement callback, if the client asked for one: it gets the `error`, or the `ack` once handled
   * (with no argument when the message had no `id`).
   */
  dispatchEvent(type: string, payload: unknown, reply?: (answer?: ServerMessage) => void): void {
    const value = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? { ...payload, type } : payload;
    this.dispatch(decodeClientValue(value), reply);
  }

  private dispatch(decoded: DecodeResult<ClientMessage>, reply?: (answer?: ServerMessage) => void): void {
    this.counters.received++;
    if (!decoded.ok) return this.refuse(decoded.error.code, decoded.error.message, decoded.error.id, reply);
    const message = decoded.message;
    const handler = this.handlers.get(message.type);
    if (!handler) return this.refuse(ErrorCode.UNKNOWN_TYPE, 'no handler for this message type', message.id, reply);
    this.transform(handler(message, message.type)).subscribe({
      next: (result) => {
        if (isServerMessage(result)) this.connection.send(result);
      },
      complete: () => {
        const failure = failureOf(message);
        if (failure) return reply?.(failure);
        if (message.id === undefined) return reply?.();
        const ack: ServerMessage = { type: 'ack', id: message.id };
        this.connection.send(ack);
        reply?.(ack);
      },
    });
  }

  private refuse(code: ErrorCode, text: string, id?: string, reply?: (answer?: ServerMessage) => void): void {
    this.counters.refused++;
    const error: ServerMessage = id === undefined ? { type: 'error', code, message: text } : { type: 'error', code, message: text, id };
    this.connection.send(error);
    if (reply) reply(error);
  }
}

function isServerMessage(value: unknown): value is ServerMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    isServerMessageType((value as { type: string }).type)
  );
}
