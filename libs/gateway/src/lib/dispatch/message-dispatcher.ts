import {
  CloseCode,
  decodeBinaryClientMessage,
  decodeClientMessage,
  decodeClientValue,
  ErrorCode,
  type DecodeResult,
  type ClientMessage,
  type ServerMessage,
} from '@pulse/protocol';
import { isObservable, type Observable } from 'rxjs';
import { Acknowledgement } from '../acks/acknowledge';
import type { IdempotencyStore } from '../acks/idempotency.store';
import type { RealtimeConnection } from '../connection/realtime-connection';
import type { MessageBudget } from '../rate-limit/message-budget';
import { isRedisUnavailable } from '../redis/redis-unavailable';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { answerOf } from './handler-result';
import { isThenable, type CompiledHandler } from './handlers/compiled-handler';
import { HandlerFailure } from './handlers/handler-failure';
import {
  ANSWERED,
  appliedOutcome,
  failedOutcome,
  finalFrameOf,
  HANDLED,
  type MessageOutcome,
} from './message-outcome';
import type { HandlerTable } from './handlers/gateway-handlers';

type Reply = (answer?: ServerMessage) => void;
/** Records the outcome of an id'd message in the idempotency store: applied (with its seq), or released. */
type Settle = (outcome: MessageOutcome) => Promise<void> | undefined;

/** How long a connection closed for flooding gets to complete the closing handshake before it is dropped. */
const FLOOD_CLOSE_GRACE_MS = 1000;

/** Told of every inbound message and every error answer (metrics). */
export interface DispatchObserver {
  received(type: string): void;
  refused(code: ErrorCode): void;
  /** A handler started (+1) or finished (-1): what a draining node waits for before it exits. */
  inFlight?(delta: 1 | -1): void;
}

export interface DispatchCounters {
  received: number;
  refused: number;
}

/**
 * Routes one connection's inbound frames to the handlers of every gateway on the path. Every frame gets
 * an answer or an effect: invalid frames get an `error` (never the payload back), messages with an `id`
 * are applied at most once per user (a resend is answered with the first `ack`), and a handler's return value is
 * sent back to the sender. Each message has one `MessageOutcome`, decided here: applied (an `ack` for an `id`,
 * the id recorded) or failed (an `error` with the id, never an `ack`, the id released so a retry runs again).
 * Handlers are invoked in arrival order. Liveness: ping and pong frames count here; a message that reaches its
 * handler counts through the `HeartbeatInterceptor`.
 */
export class MessageDispatcher {
  readonly counters: DispatchCounters = { received: 0, refused: 0 };
  /** Set while an id'd message waits for its claim; later messages queue behind it to keep their order. */
  private queue: Promise<void> | null = null;
  /** Set once the connection was closed for flooding: what is still in flight is dropped. */
  private flooded = false;

  constructor(
    private readonly connection: RealtimeConnection,
    /** The transport's socket: what guards, filters and `@ConnectedSocket()` see as the client. */
    private readonly client: object,
    private readonly handlers: HandlerTable,
    private readonly idempotency?: IdempotencyStore,
    private readonly budget?: MessageBudget | null,
    private readonly observer?: DispatchObserver,
  ) {}

  dispatchBinary(): void {
    this.counters.received++;
    if (this.overBudget()) return;
    this.refuse(ErrorCode.BINARY_NOT_SUPPORTED, 'binary frames are not supported; send JSON text frames');
  }

  /**
   * A ping or pong frame (`ControlFrameAccount`): an inbound message for the budget and a sign of life, with no
   * answer of its own to refuse. False when it is over the budget (a ping then goes unanswered); a flood closes
   * the connection (4008) as a message flood does.
   */
  admit(): boolean {
    if (this.flooded) return false;
    this.counters.received++;
    this.connection.markAlive();
    const verdict = this.budget?.take() ?? 'ok';
    if (verdict === 'flood') this.closeFlooded();
    return verdict === 'ok';
  }

  /** A native text frame. */
  /** A binary frame of a `pulse.v1.msgpack` connection: MessagePack, checked by the same validators as JSON. */
  dispatchMsgpack(frame: Uint8Array): void {
    if (this.flooded) return;
    this.dispatch(decodeBinaryClientMessage(frame));
  }

  dispatchText(frame: string): void {
    // A connection closed for flooding drops the rest of its burst unread: no decoding what will be dropped.
    if (this.flooded) return;
    this.dispatch(decodeClientMessage(frame));
  }

  /**
   * A Socket.IO event: its name is the message `type`, its argument the message. `reply` is the event's
   * acknowledgement callback, if the client asked for one: it gets the `error`, or the `ack` once handled
   * (with no argument when the message had no `id`).
   */
  dispatchEvent(type: string, payload: unknown, reply?: Reply): void {
    if (this.flooded) return;
    // The payload was just decoded by Socket.IO's parser for us alone: it takes its type in place, no copy.
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload))
      (payload as { type: string }).type = type;
    this.dispatch(decodeClientValue(payload), reply);
  }

  private dispatch(decoded: DecodeResult<ClientMessage>, reply?: Reply): void {
    this.counters.received++;
    if (this.overBudget(decoded.ok ? decoded.message.id : decoded.error.id, reply)) return;
    if (!decoded.ok) return this.refuse(decoded.error.code, decoded.error.message, decoded.error.id, reply);
    const message = decoded.message;
    this.observer?.received(message.type);
    const handler = this.handlers.get(message.type);
    if (!handler)
      return this.refuse(ErrorCode.UNKNOWN_TYPE, 'no handler for this message type', message.id, reply);
    if (this.queue || (message.id !== undefined && this.idempotency))
      this.enqueue(() => this.dispatchValid(message, handler, reply));
    else this.invoke(message, handler, reply);
  }

  private enqueue(task: () => Promise<void>): void {
    const next: Promise<void> = (this.queue ? this.queue.then(task) : task())
      .catch(() => undefined)
      .finally(() => {
        if (this.queue === next) this.queue = null;
      });
    this.queue = next;
  }

  private async dispatchValid(
    message: ClientMessage,
    handler: CompiledHandler,
    reply?: Reply,
  ): Promise<void> {
    const id = message.id;
    if (id === undefined || !this.idempotency) return this.invoke(message, handler, reply);
    const userId = this.connection.user.id;
    let claim;
    try {
      claim = await this.idempotency.claim(userId, id);
    } catch (error) {
      const unavailable = error instanceof StoreUnavailableError || isRedisUnavailable(error);
      return this.refuse(
        unavailable ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL,
        'could not record the message id; retry',
        id,
        reply,
      );
    }
    if (claim.state === 'pending')
      return this.refuse(ErrorCode.UNAVAILABLE, 'this id is still being applied; retry shortly', id, reply);
    if (claim.state === 'done') return this.acknowledge(id, claim.seq, reply);
    this.invoke(message, handler, reply, (outcome) => {
      const settle =
        outcome.kind === 'failed'
          ? this.idempotency?.release(userId, id)
          : this.idempotency?.complete(userId, id, outcome.seq);
      return settle?.catch(() => undefined);
    });
  }

  private invoke(message: ClientMessage, handler: CompiledHandler, reply?: Reply, settled?: Settle): void {
    this.observer?.inFlight?.(1);
    let result: unknown;
    try {
      result = handler(this.client, message);
    } catch (error) {
      // A compiled handler never throws; should it, the message failed and nothing took the exception.
      result = new HandlerFailure(error, false, undefined);
    }
    if (!isThenable(result)) return this.handleResult(result, message, reply, settled);
    result.then(
      (value) => this.handleResult(value, message, reply, settled),
      (error: unknown) =>
        this.handleResult(new HandlerFailure(error, false, undefined), message, reply, settled),
    );
  }

  /** What the method returned: an Observable is consumed; a failure, a value or nothing decides the outcome. */
  private handleResult(
    result: unknown,
    message: ClientMessage,
    reply: Reply | undefined,
    settled: Settle | undefined,
  ): void {
    if (isObservable(result)) return this.consume(result, message, reply, settled);
    if (result instanceof HandlerFailure)
      return this.conclude(message, failedOutcome(result, this.connection), reply, settled);
    const answer = answerOf(result);
    if (answer instanceof Acknowledgement)
      return this.conclude(message, appliedOutcome(false, answer.seq), reply, settled);
    if (answer) this.connection.send(answer);
    this.conclude(message, answer ? ANSWERED : HANDLED, reply, settled);
  }

  private consume(
    results: Observable<unknown>,
    message: ClientMessage,
    reply: Reply | undefined,
    settled: Settle | undefined,
  ): void {
    let seq: number | undefined;
    let answered = false;
    let failure: HandlerFailure | undefined;
    results.subscribe({
      next: (result) => {
        if (result instanceof HandlerFailure) return void (failure = result);
        const answer = answerOf(result);
        if (answer instanceof Acknowledgement) seq = answer.seq ?? seq;
        else if (answer) {
          answered = true;
          this.connection.send(answer);
        }
      },
      error: (error: unknown) =>
        this.conclude(
          message,
          failedOutcome(new HandlerFailure(error, false, undefined), this.connection),
          reply,
          settled,
        ),
      complete: () =>
        this.conclude(
          message,
          failure ? failedOutcome(failure, this.connection) : appliedOutcome(answered, seq),
          reply,
          settled,
        ),
    });
  }

  /**
   * The message's outcome, and everything derived from it: the idempotency record (applied with its seq, or
   * released so a retry runs again), then its last frame (`ack` or `error`, to the socket and to a Socket.IO
   * acknowledgement).
   */
  private conclude(
    message: ClientMessage,
    outcome: MessageOutcome,
    reply: Reply | undefined,
    settled: Settle | undefined,
  ): void {
    const settling = settled?.(outcome);
    if (settling) settling.finally(() => this.finish());
    else this.finish();
    if (outcome.kind === 'failed') {
      this.counters.refused++;
      this.observer?.refused(outcome.error.code);
    }
    const frame = finalFrameOf(outcome, message.id);
    if (!frame) return reply?.();
    this.connection.send(frame);
    reply?.(frame);
  }

  private finish(): void {
    this.observer?.inFlight?.(-1);
  }

  private acknowledge(id: string, seq: number | undefined, reply?: Reply): void {
    const ack = finalFrameOf(appliedOutcome(false, seq), id) as ServerMessage;
    this.connection.send(ack);
    reply?.(ack);
  }

  /** The connection's message budget: over it, `RATE_LIMITED`; a sustained flood closes the connection (4008). */
  private overBudget(id?: string, reply?: Reply): boolean {
    if (this.flooded) return true;
    const verdict = this.budget?.take() ?? 'ok';
    if (verdict === 'ok') return false;
    if (verdict === 'limited') this.refuse(ErrorCode.RATE_LIMITED, 'too many messages; slow down', id, reply);
    else this.closeFlooded();
    return true;
  }

  private closeFlooded(): void {
    this.flooded = true;
    // The rest of the flood is neither read nor decoded; the close frame still goes out.
    this.connection.stopReading?.();
    // A burst is read in one turn: answers to the messages accepted before the verdict go out first.
    setImmediate(() => this.connection.close(CloseCode.RATE_LIMIT_EXCEEDED, 'message flood'));
    // a flooder is still busy sending rather than reading our close frame: do not wait for its answer long
    setTimeout(() => this.connection.terminate(), FLOOD_CLOSE_GRACE_MS).unref();
  }

  private refuse(code: ErrorCode, text: string, id?: string, reply?: Reply): void {
    this.counters.refused++;
    this.observer?.refused(code);
    const error: ServerMessage =
      id === undefined ? { type: 'error', code, message: text } : { type: 'error', code, message: text, id };
    this.connection.send(error);
    if (reply) reply(error);
  }
}
