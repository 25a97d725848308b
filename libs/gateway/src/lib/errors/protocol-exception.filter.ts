import { ArgumentsHost, Catch } from '@nestjs/common';
import type { WsExceptionFilter } from '@nestjs/common';
import { connectionOf } from '../connection/connection-of';
import { answerFailure } from './answer-failure';
import { errorAnswerOf } from './error-answer';

/**
 * Turns anything a handler, guard or pipe throws into a protocol `error` for the sender (carrying the message's
 * `id`), instead of Nest's default of emitting an event nobody receives. It answers through `answerFailure`, so
 * the dispatcher knows the message failed: no `ack`, nothing recorded as applied.
 */
@Catch()
export class ProtocolExceptionFilter implements WsExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    answerFailure(host, errorAnswerOf(exception, connectionOf(host.switchToWs().getClient())));
  }
}
