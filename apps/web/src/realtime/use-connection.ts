import { fetchTicket, PulseClient, type ConnectionState } from '@pulse/client';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { apiBaseUrl, socketUrl, transportFromSearch } from './endpoints';

export interface Connection {
  readonly client: PulseClient;
  readonly state: ConnectionState;
  /** The latest measured round-trip time in milliseconds. */
  readonly rtt: number | undefined;
  /** Connects again after the connection closed for good. */
  readonly reconnect: () => void;
}

/**
 * One client per access token: connected while the calling component is mounted, closed when it unmounts. The page's
 * `?transport=socket.io` switches it from the native WebSocket to Socket.IO.
 */
export function useConnection(accessToken: string): Connection {
  const client = useMemo(
    () =>
      new PulseClient({
        url: socketUrl(window.location),
        transport: transportFromSearch(window.location.search),
        getTicket: () => fetchTicket(apiBaseUrl, accessToken),
      }),
    [accessToken],
  );

  useEffect(() => {
    client.connect();
    return () => client.close();
  }, [client]);

  const subscribeState = useCallback((onChange: () => void) => client.onState(onChange), [client]);
  const state = useSyncExternalStore(subscribeState, () => client.state);
  const subscribeRtt = useCallback((onChange: () => void) => client.on('pong', onChange), [client]);
  const rtt = useSyncExternalStore(subscribeRtt, () => client.rtt);
  const reconnect = useCallback(() => client.connect(), [client]);

  return { client, state, rtt, reconnect };
}
