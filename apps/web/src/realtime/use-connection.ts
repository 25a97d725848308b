import { PulseClient, type ConnectionState } from '@pulse/client';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AccessTokens } from '../features/login/session.types';
import { socketUrl, transportFromSearch } from './endpoints';

export interface Connection {
  readonly client: PulseClient;
  readonly state: ConnectionState;
  /** The latest measured round-trip time in milliseconds. */
  readonly rtt: number | undefined;
  /** Connects again after the connection closed for good. */
  readonly reconnect: () => void;
}

/**
 * One client per sign-in: connected while the calling component is mounted, closed when it unmounts. Its tickets come
 * from the sign-in's session, which renews the access token as needed. The page's `?transport=socket.io` switches it
 * from the native WebSocket to Socket.IO.
 */
export function useConnection(tokens: AccessTokens): Connection {
  const client = useMemo(
    () =>
      new PulseClient({
        url: socketUrl(window.location),
        transport: transportFromSearch(window.location.search),
        getTicket: () => tokens.getTicket(),
      }),
    [tokens],
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
