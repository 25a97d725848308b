import { createContext } from 'react';
import type { RoomState } from './room.reducer';

/** The state of the room on screen, provided by the game room to the panels beside the board. */
export const RoomStateContext = createContext<RoomState | null>(null);
