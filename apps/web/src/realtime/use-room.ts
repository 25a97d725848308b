import { useCallback, useEffect, useReducer } from 'react';
import { usePulseClient } from './pulse-context';
import { initialRoomState, roomReducer, type RoomState } from './room.reducer';

export interface Room {
  readonly state: RoomState;
  /** Moves this user's player: applied at once here, sent to the server (which does not echo it back). */
  readonly move: (x: number, y: number) => void;
}

/**
 * Joins `room` while mounted and keeps its state from the SDK's events. The SDK re-joins after a reconnect, resuming
 * where it was (missed events are replayed) or with a fresh snapshot, so the state survives reconnects. When that
 * snapshot has lost this user's position (the server restarted with its rooms in memory), the position is sent again,
 * so the room is rebuilt from what its players' pages remember.
 */
export function useRoom(room: string): Room {
  const client = usePulseClient();
  const [state, dispatch] = useReducer(roomReducer, room, initialRoomState);

  useEffect(() => {
    const unsubscribe = [
      client.on('snapshot', dispatch),
      client.on('presence', dispatch),
      client.on('move', dispatch),
    ];
    client.join(room);
    return () => {
      for (const off of unsubscribe) off();
      client.leave(room);
    };
  }, [client, room]);

  const { restore } = state;
  useEffect(() => {
    if (restore) client.send('move', { room, x: restore.x, y: restore.y });
  }, [client, room, restore]);

  const move = useCallback(
    (x: number, y: number) => {
      dispatch({ type: 'self-move', x, y });
      client.send('move', { room, x, y });
    },
    [client, room],
  );
  return { state, move };
}
