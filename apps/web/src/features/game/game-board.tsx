import { GAME_BOARD } from '@pulse/protocol';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { cellAtPoint } from './board-geometry';
import { cellAfterKey, stepForKey, type Cell } from './board-keys';
import { PlayerToken } from './player-token';
import type { Player } from '../../realtime/room.reducer';

export interface GameBoardProps {
  readonly players: readonly Player[];
  readonly self: Player | undefined;
  readonly onMove: (to: Cell) => void;
  /** Take the keyboard focus when mounted, so the arrow keys work at once. @default false */
  readonly autoFocus?: boolean;
}

export function GameBoard({ players, self, onMove, autoFocus = false }: GameBoardProps) {
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) boardRef.current?.focus();
  }, [autoFocus]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || !stepForKey(event.key)) return;
    event.preventDefault();
    const to = self && cellAfterKey(self, event.key);
    if (to) onMove(to);
  }

  /** A click or tap moves this user's player to the cell under it. */
  function onClick(event: MouseEvent<HTMLDivElement>) {
    if (!self) return;
    const board = event.currentTarget.getBoundingClientRect();
    const to = cellAtPoint(
      { x: event.clientX - board.left, y: event.clientY - board.top },
      { width: board.width, height: board.height },
    );
    if (to && (to.x !== self.x || to.y !== self.y)) onMove(to);
  }

  return (
    <div
      ref={boardRef}
      className="board"
      tabIndex={0}
      role="application"
      aria-roledescription="game board"
      aria-label={`Board of ${GAME_BOARD.width} by ${GAME_BOARD.height} cells. Move with the arrow keys or W, A, S, D, or click a cell.`}
      onKeyDown={onKeyDown}
      onClick={onClick}
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
