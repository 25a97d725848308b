import { use, useMemo } from 'react';
import { RoomStateContext } from './room-state-context';
import { playersInOrder, type Player } from './room.reducer';

export interface Presence {
  /** Online players first, then by name. */
  readonly players: readonly Player[];
  readonly online: number;
  /** This user's player id, once the room's snapshot arrived. */
  readonly selfId: string | undefined;
  /** A player's display name (their id when the room does not know them). */
  readonly nameOf: (playerId: string) => string;
}

/** Who is in the room on screen (from the nearest `RoomStateContext`), and who of them is online. */
export function usePresence(): Presence {
  const state = use(RoomStateContext);
  if (!state) throw new Error('usePresence needs a RoomStateContext provider');
  return useMemo(() => {
    const players = playersInOrder(state);
    return {
      players,
      online: players.filter((player) => player.online).length,
      selfId: state.self,
      nameOf: (playerId: string) => state.players[playerId]?.name ?? playerId,
    };
  }, [state]);
}
