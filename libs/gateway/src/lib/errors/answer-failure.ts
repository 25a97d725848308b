import type { ArgumentsHost } from '@nestjs/common';
import { connectionOf } from '../connection/connection-of';
import { MessageContext } from '../dispatch/handlers/message-context';
import type { ErrorAnswer } from './error-answer';

/**
 * Answers a failed message from an exception filter. On a message Pulse dispatched, the answer becomes the
 * message's outcome: the dispatcher sends it once (with the message's `id`), sends no `ack` and records nothing as
 * applied. Anywhere else (Nest's own adapters) it is sent to the connection at once.
 */
export function answerFailure(host: ArgumentsHost, answer: ErrorAnswer): void {
  if (host instanceof MessageContext) return host.answerFailure(answer);
  const ws = host.switchToWs();
  const message: unknown = ws.getData();
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
  connectionOf(ws.getClient())?.send(typeof id === 'string' ? { ...answer, id } : answer);
}
