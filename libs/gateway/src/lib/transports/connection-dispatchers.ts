import { Inject, Injectable } from '@nestjs/common';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../acks/idempotency.store';
import type { RealtimeConnection } from '../connection/realtime-connection';
import type { HandlerTable } from '../dispatch/handlers/gateway-handlers';
import { MessageDispatcher, type DispatchObserver } from '../dispatch/message-dispatcher';
import { DrainService } from '../drain/drain.service';
import { PulseMetrics } from '../metrics/pulse-metrics';
import { messageBudgets, type MessageBudget } from '../rate-limit/message-budget';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from '../rate-limit/rate-limit-options';

/**
 * Makes each connection's `MessageDispatcher`, the same way on every transport: its message budget
 * (`RATE_LIMIT_MESSAGES_*`), the idempotency store for `id`'d messages, and one observer shared by all of them
 * that counts messages and refusals (`pulse_messages_in_total`, `pulse_errors_total`) and tells the drain what is
 * in flight.
 */
@Injectable()
export class ConnectionDispatchers {
  private readonly budgets: (() => MessageBudget) | null;
  private readonly observer: DispatchObserver;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(RATE_LIMIT_OPTIONS) limits: RateLimitOptions,
    metrics: PulseMetrics,
    drain: DrainService,
  ) {
    this.budgets = messageBudgets(limits);
    this.observer = {
      received: (type) => metrics.messagesIn.addTo(type),
      refused: (code) => metrics.errors.addTo(code),
      inFlight: (delta) => drain.track(delta),
    };
  }

  /** A new connection's message budget; null when the message limit is off. */
  budget(): MessageBudget | null {
    return this.budgets?.() ?? null;
  }

  /** `budget`: one the transport already counts control frames against, shared with the dispatcher. */
  dispatcherFor(
    client: object,
    connection: RealtimeConnection,
    handlers: HandlerTable,
    budget: MessageBudget | null = this.budget(),
  ): MessageDispatcher {
    return new MessageDispatcher(connection, client, handlers, this.idempotency, budget, this.observer);
  }
}
