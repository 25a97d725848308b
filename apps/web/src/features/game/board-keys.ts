import { GAME_BOARD } from '@pulse/protocol';
import type { Size } from './board-geometry';

export interface Cell {
  readonly x: number;
  readonly y: number;
}

const steps: Readonly<Record<string, Cell>> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  w: { x: 0, y: -1 },
  s: { x: 0, y: 1 },
  a: { x: -1, y: 0 },
  d: { x: 1, y: 0 },
};

/** The step for an arrow key or WASD (either case), or undefined for any other key. */
export function stepForKey(key: string): Cell | undefined {
  return steps[key] ?? steps[key.toLowerCase()];
}

/** The nearest cell of `board` (the room's, from its snapshot; the protocol's default otherwise). */
export function clampToBoard(cell: Cell, board: Size = GAME_BOARD): Cell {
  const clamp = (value: number, size: number) => Math.min(size - 1, Math.max(0, Math.round(value)));
  return { x: clamp(cell.x, board.width), y: clamp(cell.y, board.height) };
}

/** Where a key takes a player standing on `from`, or undefined when the key is not a move or leads nowhere. */
export function cellAfterKey(from: Cell, key: string, board: Size = GAME_BOARD): Cell | undefined {
  const step = stepForKey(key);
  if (!step) return undefined;
  const to = clampToBoard({ x: from.x + step.x, y: from.y + step.y }, board);
  return to.x === from.x && to.y === from.y ? undefined : to;
}
