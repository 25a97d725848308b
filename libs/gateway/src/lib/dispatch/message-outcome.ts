import type { ServerMessage, ServerMessageOf } from '@pulse/protocol';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { errorAnswerOf, internalErrorAnswer } from '../errors/error-answer';
import type { HandlerFailure } from './handlers/handler-failure';

/**
 * How one inbound message ended, decided by the dispatcher alone: `handled` (applied, nothing sent back),
 * `answered` (applied, the handler's answers sent) or `failed` (not applied, answered with an `error`). The
 * `ack`, the `error` frame and the idempotency record are all derived from it.
 */
export type MessageOutcome =
  | { readonly kind: 'handled'; readonly seq?: number }
  | { readonly kind: 'answered'; readonly seq?: number }
  | { readonly kind: 'failed'; readonly error: ServerMessageOf<'error'> };

export const HANDLED: MessageOutcome = { kind: 'handled' };
export const ANSWERED: MessageOutcome = { kind: 'answered' };

export function appliedOutcome(answered: boolean, seq: number | undefined): MessageOutcome {
  if (seq === undefined) return answered ? ANSWERED : HANDLED;
  return { kind: answered ? 'answered' : 'handled', seq };
}

/**
 * A failed handler's outcome: the answer its exception filter gave (`answerFailure`); `INTERNAL` when a filter took
 * the exception without answering; Pulse's own translation (`errorAnswerOf`) when no filter took it.
 */
export function failedOutcome(failure: HandlerFailure, connection: RealtimeConnection): MessageOutcome {
  const error =
    failure.answer ?? (failure.caught ? internalErrorAnswer() : errorAnswerOf(failure.exception, connection));
  return { kind: 'failed', error };
}

/** The frame a message with this `id` is answered with last: its `ack` (with the seq it got) or its `error`. */
export function finalFrameOf(outcome: MessageOutcome, id: string | undefined): ServerMessage | undefined {
  if (outcome.kind === 'failed')
    return id === undefined ? withoutId(outcome.error) : { ...outcome.error, id };
  if (id === undefined) return undefined;
  return outcome.seq === undefined ? { type: 'ack', id } : { type: 'ack', id, seq: outcome.seq };
}

function withoutId(error: ServerMessageOf<'error'>): ServerMessageOf<'error'> {
  if (error.id === undefined) return error;
  const { id: _id, ...rest } = error;
  return rest;
}
