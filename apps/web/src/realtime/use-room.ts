import type { ServerMessageOf } from '@pulse/protocol';
import { useCallback, useEffect, useEffectEvent } from 'react';
import { usePulseClient } from './pulse-context';

export type RoomEvent = ServerMessageOf<'snapshot' | 'presence' | 'move'>;

export interface RoomCommands {
  /** Sends this user's new position (the server does not echo it back). */
  readonly move: (x: number, y: number) => void;
}

/** Joins `room` while mounted (the client re-joins it after reconnects) and hands its events to `onEvent`. */
export function useRoom(room: string, onEvent: (event: RoomEvent) => void): RoomCommands {
  const client = usePulseClient();
  const deliver = useEffectEvent((event: RoomEvent) => {
    if (event.room === room) onEvent(event);
  });

  useEffect(() => {
    const unsubscribe = [
      client.on('snapshot', (event) => deliver(event)),
      client.on('presence', (event) => deliver(event)),
      client.on('move', (event) => deliver(event)),
    ];
    client.join(room);
    return () => {
      for (const off of unsubscribe) off();
      client.leave(room);
    };
  }, [client, room]);

  const move = useCallback((x: number, y: number) => client.send('move', { room, x, y }), [client, room]);
  return { move };
}
