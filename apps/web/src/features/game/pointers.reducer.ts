import type { ServerMessageOf } from '@pulse/protocol';

/** Where another player's pointer is over the board, in cells (fractional). */
export interface RemotePointer {
  readonly player: string;
  readonly x: number;
  readonly y: number;
}

/** The pointers of one room's other players, by player id. */
export type PointersState = Readonly<Record<string, RemotePointer>>;

export type PointersAction =
  ServerMessageOf<'cursor'> | ServerMessageOf<'presence'> | ServerMessageOf<'snapshot'>;

export const noPointers: PointersState = {};

function without(state: PointersState, player: string): PointersState {
  if (!(player in state)) return state;
  const { [player]: _gone, ...rest } = state;
  return rest;
}

/**
 * The pointers of `room`, from the SDK's events: a `cursor` moves one, a player going offline takes theirs away, and
 * a snapshot (a join or resync) keeps only those of players it says are online. Events of other rooms are ignored.
 */
export function pointersReducer(room: string, state: PointersState, action: PointersAction): PointersState {
  if (action.room !== room) return state;
  switch (action.type) {
    case 'cursor':
      return { ...state, [action.player]: { player: action.player, x: action.x, y: action.y } };
    case 'presence':
      return action.status === 'offline' ? without(state, action.player) : state;
    case 'snapshot': {
      const online = new Set(
        action.players
          .filter((player) => player.online && player.id !== action.self)
          .map((player) => player.id),
      );
      const kept = Object.values(state).filter((pointer) => online.has(pointer.player));
      return kept.length === Object.keys(state).length
        ? state
        : Object.fromEntries(kept.map((pointer) => [pointer.player, pointer]));
    }
  }
}
