import { useCallback, useReducer } from 'react';
import { useRoom } from '../../realtime/use-room';
import type { Cell } from './board-keys';
import { GameBoard } from './game-board';
import { MovePad } from './move-pad';
import { PresenceList } from './presence-list';
import { initialRoomState, playersInOrder, roomReducer } from './room.reducer';

export function GameRoom({ room, onLeave }: { readonly room: string; readonly onLeave: () => void }) {
  const [state, dispatch] = useReducer(roomReducer, room, initialRoomState);
  const { move } = useRoom(room, dispatch);
  const moveTo = useCallback(
    (to: Cell) => {
      dispatch({ type: 'self-move', x: to.x, y: to.y });
      move(to.x, to.y);
    },
    [move],
  );
  const players = playersInOrder(state);
  const self = state.self === undefined ? undefined : state.players[state.self];

  return (
    <section className="game-room" aria-labelledby="room-title">
      <header className="game-room__header">
        <h2 id="room-title">Room “{room}”</h2>
        <button type="button" className="secondary" onClick={onLeave}>
          Leave room
        </button>
      </header>
      <div className="game-room__layout">
        <div className="game-room__play">
          <GameBoard players={players} self={self} onMove={moveTo} />
          <p className="visually-hidden" aria-live="polite">
            {self ? `You are at column ${self.x + 1}, row ${self.y + 1}.` : 'Joining the room…'}
          </p>
          <MovePad self={self} onMove={moveTo} />
        </div>
        <PresenceList players={players} selfId={state.self} />
      </div>
    </section>
  );
}
