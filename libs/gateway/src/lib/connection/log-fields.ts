import type { RealtimeConnection, TransportName } from './realtime-connection';

export interface ConnectionLogFields {
  readonly connectionId: string;
  readonly userId: string;
  readonly transport: TransportName;
}

/**
 * The fields a log line about a connection carries (`this.log.warn({ msg, ...logFieldsOf(connection) })`), so that
 * every line about one socket can be found by its id. Built when a line is logged, never per message.
 */
export function logFieldsOf(connection: RealtimeConnection): ConnectionLogFields {
  return { connectionId: connection.id, userId: connection.user.id, transport: connection.transport };
}
