import { decodeClientMessage, ErrorCode, isServerMessageType, type ClientMessage, type ServerMessage } from '@pulse/protocol';
import type { Observable } from 'rxjs';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { hasFailed } from './failed-messages';

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

  dispatchText(frame: string): void {
    this.counters.received++;
    const decoded = decodeClientMessage(frame);
    if (!decoded.ok) return this.refuse(decoded.error.code, decoded.error.message, decoded.error.id);
    const message = decoded.message;
    const handler = this.handlers.get(message.type);
    if (!handler) return this.refuse(ErrorCode.UNKNOWN_TYPE, 'no handler for this message type', message.id);
    this.transform(handler(message, message.type)).subscribe({
      next: (result) => {
        if (isServerMessage(result)) this.connection.send(result);
      },
      complete: () => {
        if (message.id !== undefined && !hasFailed(message)) this.connection.send({ type: 'ack', id: message.id });
      },
    });
  }

  private refuse(code: ErrorCode, text: string, id?: string): void {
    this.counters.refused++;
    this.connection.send(id === undefined ? { type: 'error', code, message: text } : { type: 'error', code, message: text, id });
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
