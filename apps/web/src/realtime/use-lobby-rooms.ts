import { listRooms } from '@pulse/client';
import type { RoomSummary } from '@pulse/protocol';
import { useEffect, useState } from 'react';
import type { AccessTokens } from '../features/login/session.types';
import { apiBaseUrl } from './endpoints';

/** How often the lobby refreshes its room list. */
export const LOBBY_REFRESH_MS = 3000;

export interface LobbyRooms {
  /** Undefined until the first answer. */
  readonly rooms: readonly RoomSummary[] | undefined;
  /** Why the latest refresh failed; cleared by the next success. */
  readonly error: string | null;
}

/** The rooms with players online, refreshed every `refreshMs` while mounted (one request at a time). */
export function useLobbyRooms(tokens: AccessTokens, refreshMs = LOBBY_REFRESH_MS): LobbyRooms {
  const [state, setState] = useState<LobbyRooms>({ rooms: undefined, error: null });

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const rooms = await listRooms(apiBaseUrl, await tokens.currentAccessToken(), abort.signal);
        setState({ rooms, error: null });
      } catch (error) {
        if (abort.signal.aborted) return;
        setState((previous) => ({
          rooms: previous.rooms,
          error: error instanceof Error ? error.message : 'unknown error',
        }));
      }
      if (!abort.signal.aborted) timer = setTimeout(() => void refresh(), refreshMs);
    };
    void refresh();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [tokens, refreshMs]);

  return state;
}
