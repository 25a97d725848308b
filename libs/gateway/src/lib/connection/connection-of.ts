import type { RealtimeConnection } from './realtime-connection';

const CONNECTION = Symbol('pulse.connection');

interface CarriesConnection {
  [CONNECTION]?: RealtimeConnection;
}

/** Attaches a connection to the transport's socket object. */
export function attachConnection(socket: object, connection: RealtimeConnection): void {
  (socket as CarriesConnection)[CONNECTION] = connection;
}

/** The connection of a transport socket, as seen by guards, interceptors and filters. */
export function connectionOf(socket: unknown): RealtimeConnection | undefined {
  return typeof socket === 'object' && socket !== null
    ? (socket as CarriesConnection)[CONNECTION]
    : undefined;
}
