import { useCallback } from 'react';
import { RoomStateContext } from '../../realtime/room-state-context';
import { playersInOrder } from '../../realtime/room.reducer';
import { useLinkUp } from '../../realtime/use-link-up';
import { useRoom } from '../../realtime/use-room';
import { ChatPanel } from '../chat/chat-panel';
import { CopyInviteLink } from '../lobby/copy-invite-link';
import type { Cell } from './board-keys';
import { GameBoard } from './game-board';
import { MovePad } from './move-pad';
import { PresenceList } from './presence-list';
import { useRoomPointers } from './use-room-pointers';

export interface GameRoomProps {
  readonly room: string;
  readonly onLeave: () => void;
  /** Opens the room's shared notes. */
  readonly onOpenNotes?: () => void;
}

export function GameRoom({ room, onLeave, onOpenNotes }: GameRoomProps) {
  const { state, move } = useRoom(room);
  const { pointers, share } = useRoomPointers(room);
  const linkUp = useLinkUp();
  const moveTo = useCallback((to: Cell) => move(to.x, to.y), [move]);
  const players = playersInOrder(state);
  const self = state.self === undefined ? undefined : state.players[state.self];

  return (
    <RoomStateContext value={state}>
      <section className="game-room" aria-labelledby="room-title">
        <header className="game-room__header">
          <h2 id="room-title">Room “{room}”</h2>
          <div className="game-room__actions">
            <CopyInviteLink room={room} />
            {onOpenNotes && (
              <button type="button" className="secondary" onClick={onOpenNotes}>
                Notes
              </button>
            )}
            <button type="button" className="secondary" onClick={onLeave}>
              Leave room
            </button>
          </div>
        </header>
        <div className="game-room__layout">
          <div className="game-room__play">
            <GameBoard
              players={players}
              self={self}
              onMove={moveTo}
              board={state.board}
              pointers={pointers}
              onPointer={share}
              autoFocus
            />
            <p className="visually-hidden" aria-live="polite">
              {self ? `You are at column ${self.x + 1}, row ${self.y + 1}.` : 'Joining the room…'}
            </p>
            <MovePad self={self} board={state.board} onMove={moveTo} />
          </div>
          <div className="game-room__side">
            <PresenceList players={players} selfId={state.self} linkUp={linkUp} />
            <ChatPanel room={room} />
          </div>
        </div>
      </section>
    </RoomStateContext>
  );
}
