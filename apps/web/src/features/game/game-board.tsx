import { GAME_BOARD } from '@pulse/protocol';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { boardPointAt, cellAtPoint, type Point, type Size } from './board-geometry';
import { cellAfterKey, stepForKey, type Cell } from './board-keys';
import { PlayerToken } from './player-token';
import type { RemotePointer as Pointer } from './pointers.reducer';
import { RemotePointer } from './remote-pointer';
import type { Player } from '../../realtime/room.reducer';

export interface GameBoardProps {
  readonly players: readonly Player[];
  readonly self: Player | undefined;
  readonly onMove: (to: Cell) => void;
  /** The room's board, from its snapshot. @default GAME_BOARD */
  readonly board?: Size;
  /** Take the keyboard focus when mounted, so the arrow keys work at once. @default false */
  readonly autoFocus?: boolean;
  /** The other players' pointers, drawn over the board. @default [] */
  readonly pointers?: readonly Pointer[];
  /** This user's pointer moved over the board, in cells (fractional). */
  readonly onPointer?: (at: Point) => void;
}

const noPointers: readonly Pointer[] = [];

export function GameBoard({
  players,
  self,
  onMove,
  board = GAME_BOARD,
  autoFocus = false,
  pointers = noPointers,
  onPointer,
}: GameBoardProps) {
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) boardRef.current?.focus();
  }, [autoFocus]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || !stepForKey(event.key)) return;
    event.preventDefault();
    const to = self && cellAfterKey(self, event.key, board);
    if (to) onMove(to);
  }

  /** A click or tap moves this user's player to the cell under it. */
  function onClick(event: MouseEvent<HTMLDivElement>) {
    if (!self) return;
    const box = event.currentTarget.getBoundingClientRect();
    const to = cellAtPoint(
      { x: event.clientX - box.left, y: event.clientY - box.top },
      { width: box.width, height: box.height },
      board,
    );
    if (to && (to.x !== self.x || to.y !== self.y)) onMove(to);
  }

  /** A mouse or pen over the board (not a touch, which is a tap that moves). */
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!onPointer || event.pointerType === 'touch') return;
    const box = event.currentTarget.getBoundingClientRect();
    const at = boardPointAt(
      { x: event.clientX - box.left, y: event.clientY - box.top },
      { width: box.width, height: box.height },
      board,
    );
    if (at) onPointer(at);
  }

  const nameOf = (playerId: string) => players.find((player) => player.id === playerId)?.name ?? playerId;
  const online = new Set(
    players.filter((player) => player.online && player.id !== self?.id).map((player) => player.id),
  );

  return (
    // role="application": the board is one custom keyboard widget (arrows, W/A/S/D, clicks), which jsx-a11y counts
    // as non-interactive; its moves are announced in words by the room (aria-live) and doable with the move pad.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      ref={boardRef}
      className="board"
      tabIndex={0}
      role="application"
      aria-roledescription="game board"
      aria-label={`Board of ${board.width} by ${board.height} cells. Move with the arrow keys or W, A, S, D, or click a cell.`}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onPointerMove={onPointerMove}
      style={{
        aspectRatio: `${board.width} / ${board.height}`,
        backgroundSize: `${100 / board.width}% ${100 / board.height}%`,
      }}
    >
      {players.map((player) => (
        <PlayerToken
          key={player.online ? player.id : `${player.id}:offline`}
          player={player}
          isSelf={player.id === self?.id}
          board={board}
        />
      ))}
      {pointers
        .filter((pointer) => online.has(pointer.player))
        .map((pointer) => (
          <RemotePointer key={pointer.player} pointer={pointer} name={nameOf(pointer.player)} board={board} />
        ))}
    </div>
  );
}
