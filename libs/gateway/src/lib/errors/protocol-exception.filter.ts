import { ArgumentsHost, Catch, ForbiddenException, HttpException, Logger } from '@nestjs/common';
import type { WsExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { ErrorCode, type ServerMessageOf } from '@pulse/protocol';
import { connectionOf } from '../connection/connection-of';
import { logFieldsOf } from '../connection/log-fields';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { markFailed } from '../dispatch/failed-messages';
import { FORBIDDEN_MESSAGE } from '../dispatch/handlers/compiled-handler';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { ProtocolException } from './protocol.exception';

/**
 * Turns anything a handler, guard or pipe throws into a protocol `error` for the sender (carrying the
 * message's `id`), instead of Nest's default of emitting an event nobody receives.
 */
@Catch()
export class ProtocolExceptionFilter implements WsExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const message: unknown = ws.getData();
    const connection = connectionOf(ws.getClient());
    const error = this.toError(exception, connection);
    const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
    if (typeof id === 'string') error.id = id;
    markFailed(message, error);
    connection?.send(error);
  }

  private toError(exception: unknown, connection: RealtimeConnection | undefined): ServerMessageOf<'error'> {
    if (exception instanceof ProtocolException) {
      return { type: 'error', code: exception.code, message: exception.message };
    }
    if (exception instanceof StoreUnavailableError) {
      return { type: 'error', code: ErrorCode.UNAVAILABLE, message: 'temporarily unavailable; retry shortly' };
    }
    if (exception instanceof ForbiddenException || (exception instanceof WsException && exception.message === FORBIDDEN_MESSAGE)) {
      return { type: 'error', code: ErrorCode.FORBIDDEN, message: 'not allowed' };
    }
    if (exception instanceof WsException || exception instanceof HttpException) {
      return { type: 'error', code: ErrorCode.INVALID_MESSAGE, message: exception.message };
    }
    this.logger.error({
      msg: 'a message handler failed',
      err: exception instanceof Error ? exception : 'non-error thrown',
      ...(connection ? logFieldsOf(connection) : {}),
    });
    return { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error' };
  }
}
