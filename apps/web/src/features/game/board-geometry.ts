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
export function cellAtPoint(point: Point, size: Size): Cell | undefined {
  if (size.width <= 0 || size.height <= 0) return undefined;
  if (point.x < 0 || point.y < 0 || point.x >= size.width || point.y >= size.height) return undefined;
  return {
    x: Math.floor((point.x / size.width) * GAME_BOARD.width),
    y: Math.floor((point.y / size.height) * GAME_BOARD.height),
  };
}

/**
 * Where a token one cell in size stands, as a CSS transform: a translate in percent of its own size is a number of
 * cells. A transform (unlike left/top) moves on the compositor, so a transition between cells stays smooth.
 */
export function cellTransform(cell: Cell): string {
  return `translate(${cell.x * 100}%, ${cell.y * 100}%)`;
}
