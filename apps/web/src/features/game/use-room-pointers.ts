import { useCallback, useEffect, useReducer, useRef } from 'react';
import { usePulseClient } from '../../realtime/pulse-context';
import type { Point } from './board-geometry';
import { PointerThrottle } from './pointer-throttle';
import { noPointers, pointersReducer, type PointersAction, type RemotePointer } from './pointers.reducer';

export interface RoomPointers {
  /** The other players' pointers over the board, in no particular order. */
  readonly pointers: readonly RemotePointer[];
  /** This user's pointer moved over the board (in cells): shared with the room, at most once per server tick. */
  readonly share: (at: Point) => void;
}

/** Live pointers in `room`, which the caller has joined (`useRoom`): the others' from `cursor` events, and this user's. */
export function useRoomPointers(room: string): RoomPointers {
  const client = usePulseClient();
  const [state, dispatch] = useReducer(
    (current: typeof noPointers, action: PointersAction) => pointersReducer(room, current, action),
    noPointers,
  );
  const throttle = useRef<PointerThrottle | null>(null);

  useEffect(() => {
    const unsubscribe = [
      client.on('cursor', dispatch),
      client.on('presence', dispatch),
      client.on('snapshot', dispatch),
    ];
    const sharing = new PointerThrottle((at) => client.send('cursor', { room, x: at.x, y: at.y }));
    throttle.current = sharing;
    return () => {
      for (const off of unsubscribe) off();
      sharing.stop();
      throttle.current = null;
    };
  }, [client, room]);

  const share = useCallback((at: Point) => throttle.current?.moved(at), []);
  return { pointers: Object.values(state), share };
}
