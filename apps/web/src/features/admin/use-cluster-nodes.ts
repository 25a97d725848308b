import { useEffect, useState } from 'react';
import { apiBaseUrl } from '../../realtime/endpoints';
import type { AccessTokens } from '../login/session.types';
import { fetchClusterNodes, type ClusterNodesOutcome } from './cluster-nodes';

/**
 * The live nodes from `GET /admin/nodes`, asked again every `everyMs` while `enabled` (the console is open to an
 * admin); null until the first answer.
 */
export function useClusterNodes(
  tokens: AccessTokens,
  enabled: boolean,
  everyMs = 2000,
): ClusterNodesOutcome | null {
  const [outcome, setOutcome] = useState<ClusterNodesOutcome | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      const next = await tokens.currentAccessToken().then(
        (accessToken) => fetchClusterNodes(apiBaseUrl, accessToken),
        () => ({ ok: false as const, message: 'Your session has ended; sign in again.' }),
      );
      if (stopped) return;
      setOutcome(next);
      timer = setTimeout(() => void poll(), everyMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [tokens, enabled, everyMs]);
  return outcome;
}
