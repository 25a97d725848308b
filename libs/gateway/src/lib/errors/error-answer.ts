import { ForbiddenException, HttpException, Logger } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { ErrorCode, type ServerMessageOf } from '@pulse/protocol';
import { logFieldsOf } from '../connection/log-fields';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { isRedisUnavailable } from '../redis/redis-unavailable';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { ProtocolException } from './protocol.exception';

/** The `error` frame a failed message is answered with (the dispatcher adds the message's `id`). */
export type ErrorAnswer = ServerMessageOf<'error'>;

/** What Nest's guard consumer throws when a guard answers false; recognised by this text. */
export const FORBIDDEN_MESSAGE = 'Forbidden resource';

const logger = new Logger('Gateway');

/**
 * The protocol answer to anything a handler, guard, pipe or interceptor threw: a `ProtocolException`'s code,
 * `UNAVAILABLE` for a store that is away, `FORBIDDEN` for a refusing guard, `INVALID_MESSAGE` for other
 * `WsException`s and `HttpException`s, and `INTERNAL` (logged, never quoted) for anything else.
 */
export function errorAnswerOf(exception: unknown, connection?: RealtimeConnection): ErrorAnswer {
  if (exception instanceof ProtocolException)
    return { type: 'error', code: exception.code, message: exception.message };
  if (exception instanceof StoreUnavailableError || isRedisUnavailable(exception)) {
    return { type: 'error', code: ErrorCode.UNAVAILABLE, message: 'temporarily unavailable; retry shortly' };
  }
  if (
    exception instanceof ForbiddenException ||
    (exception instanceof WsException && exception.message === FORBIDDEN_MESSAGE)
  ) {
    return { type: 'error', code: ErrorCode.FORBIDDEN, message: 'not allowed' };
  }
  if (exception instanceof WsException || exception instanceof HttpException) {
    return { type: 'error', code: ErrorCode.INVALID_MESSAGE, message: exception.message };
  }
  logger.error({
    msg: 'a message handler failed',
    err: exception instanceof Error ? exception : 'non-error thrown',
    ...(connection ? logFieldsOf(connection) : {}),
  });
  return internalErrorAnswer();
}

/** What a message gets when an exception filter handled its failure without answering it. */
export function internalErrorAnswer(): ErrorAnswer {
  return { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error' };
}
