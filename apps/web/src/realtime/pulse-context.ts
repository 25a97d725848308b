import type { PulseClient } from '@pulse/client';
import { createContext, use } from 'react';

/** The signed-in session's client, provided by the session view to the realtime hooks below it. */
export const PulseClientContext = createContext<PulseClient | null>(null);

export function usePulseClient(): PulseClient {
  const client = use(PulseClientContext);
  if (!client) throw new Error('usePulseClient needs a PulseClientContext provider');
  return client;
}
