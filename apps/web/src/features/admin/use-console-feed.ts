import { PulseRequestError } from '@pulse/client';
import { ErrorCode } from '@pulse/protocol';
import { useEffect, useReducer, useState } from 'react';
import { usePulseClient } from '../../realtime/pulse-context';
import { consoleHistoryReducer, type ConsoleHistory } from './console-history';

/** `refused`: the server said this user may not watch (not an admin). */
export type ConsoleAccess = 'waiting' | 'watching' | 'refused' | 'failed';

export interface ConsoleFeed {
  readonly access: ConsoleAccess;
  readonly history: ConsoleHistory;
}

const reduce = (history: ConsoleHistory, sample: Parameters<typeof consoleHistoryReducer>[1]) =>
  consoleHistoryReducer(history, sample);

/**
 * Watches the console while mounted (again after every reconnect: the server forgets watchers with the connection)
 * and keeps every node's recent samples. Unwatches when unmounted.
 */
export function useConsoleFeed(): ConsoleFeed {
  const client = usePulseClient();
  const [history, dispatch] = useReducer(reduce, {});
  const [access, setAccess] = useState<ConsoleAccess>('waiting');

  useEffect(() => {
    let mounted = true;
    const watch = () => {
      client.request('console-watch', {}).then(
        () => mounted && setAccess('watching'),
        (error: unknown) => {
          if (!mounted) return;
          if (error instanceof PulseRequestError && error.code === ErrorCode.FORBIDDEN) setAccess('refused');
          else if (!(error instanceof PulseRequestError && error.code === 'CLOSED')) setAccess('failed');
        },
      );
    };
    const offSample = client.on('console-sample', dispatch);
    const offState = client.onState((connection) => {
      if (connection.status === 'open') watch();
    });
    if (client.state.status === 'open') watch();
    return () => {
      mounted = false;
      offSample();
      offState();
      if (client.state.status === 'open') client.send('console-unwatch', {});
    };
  }, [client]);

  return { access, history };
}
