import { GAME_BOARD } from '@pulse/protocol';
import type { Cell } from './board-keys';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The board cell under a point, given relative to the board's top-left corner in the same units as `size`
 * (CSS pixels of a click). Undefined off the board or for a board not laid out yet.
 */
export function cellAtPoint(point: Point, size: Size, board: Size = GAME_BOARD): Cell | undefined {
  if (size.width <= 0 || size.height <= 0) return undefined;
  if (point.x < 0 || point.y < 0 || point.x >= size.width || point.y >= size.height) return undefined;
  return {
    x: Math.floor((point.x / size.width) * board.width),
    y: Math.floor((point.y / size.height) * board.height),
  };
}

/**
 * Where a token one cell in size stands, as a CSS transform: a translate in percent of its own size is a number of
 * cells. A transform (unlike left/top) moves on the compositor, so a transition between cells stays smooth.
 */
export function cellTransform(cell: Cell): string {
  return `translate(${cell.x * 100}%, ${cell.y * 100}%)`;
}

/**
 * The position under a point in cells, fractional (what a `cursor` carries), given like `cellAtPoint`'s point.
 * Undefined off the board or for a board not laid out yet.
 */
export function boardPointAt(point: Point, size: Size, board: Size = GAME_BOARD): Point | undefined {
  if (size.width <= 0 || size.height <= 0) return undefined;
  if (point.x < 0 || point.y < 0 || point.x >= size.width || point.y >= size.height) return undefined;
  const at = { x: (point.x / size.width) * board.width, y: (point.y / size.height) * board.height };
  // A point a hair inside the far edge can round onto it, where the server would refuse it.
  return at.x < board.width && at.y < board.height ? at : undefined;
}
