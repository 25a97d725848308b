import { useCallback, useSyncExternalStore } from 'react';
import { usePulseClient } from './pulse-context';

/** Whether this tab's link to the server is open now: while it is not, what it shows of others may be stale. */
export function useLinkUp(): boolean {
  const client = usePulseClient();
  const subscribe = useCallback((onChange: () => void) => client.onState(onChange), [client]);
  return useSyncExternalStore(subscribe, () => client.state.status === 'open');
}
