import { GAME_BOARD } from '@pulse/protocol';
import type { KeyboardEvent } from 'react';
import { cellAfterKey, stepForKey, type Cell } from './board-keys';
import { PlayerToken } from './player-token';
import type { Player } from './room.reducer';

export interface GameBoardProps {
  readonly players: readonly Player[];
  readonly self: Player | undefined;
  readonly onMove: (to: Cell) => void;
}

export function GameBoard({ players, self, onMove }: GameBoardProps) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || !stepForKey(event.key)) return;
    event.preventDefault();
    const to = self && cellAfterKey(self, event.key);
    if (to) onMove(to);
  }

  return (
    <div
      className="board"
      tabIndex={0}
      role="application"
      aria-roledescription="game board"
      aria-label={`Board of ${GAME_BOARD.width} by ${GAME_BOARD.height} cells. Move with the arrow keys or W, A, S, D.`}
      onKeyDown={onKeyDown}
      style={{
        aspectRatio: `${GAME_BOARD.width} / ${GAME_BOARD.height}`,
        backgroundSize: `${100 / GAME_BOARD.width}% ${100 / GAME_BOARD.height}%`,
      }}
    >
      {players.map((player) => (
        <PlayerToken key={player.id} player={player} isSelf={player.id === self?.id} />
      ))}
    </div>
  );
}
