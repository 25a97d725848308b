import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RealtimeConnection } from './realtime-connection';
import { connectionOf } from './connection-of';

/** Injects the `RealtimeConnection` a message arrived on into a handler parameter. */
export const Conn = createParamDecorator((_data: unknown, context: ExecutionContext): RealtimeConnection => {
  const connection = connectionOf(context.switchToWs().getClient());
  if (!connection) throw new Error('message handled outside a Pulse connection');
  return connection;
});
