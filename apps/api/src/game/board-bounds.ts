import { GAME_BOARD } from '@pulse/protocol';

export interface Board {
  readonly width: number;
  readonly height: number;
}

/** The board as a snapshot names it: a copy, so that no message shares the constant. */
export function boardOf(board: Board = GAME_BOARD): { width: number; height: number } {
  return { width: board.width, height: board.height };
}

/**
 * Why a move to (x, y) is not on `board`, or undefined when it is: a cell is a pair of whole numbers from 0 to
 * width - 1 and height - 1. Says which coordinate is wrong without quoting it.
 */
export function offBoardReason(x: number, y: number, board: Board = GAME_BOARD): string | undefined {
  for (const [field, value, size] of [
    ['x', x, board.width],
    ['y', y, board.height],
  ] as const) {
    if (!Number.isInteger(value)) return `field "${field}": must be a whole cell`;
    if (value < 0 || value >= size) return `field "${field}": must be on the board (0 to ${size - 1})`;
  }
  return undefined;
}

/**
 * Why a pointer at (x, y), in fractional cells, is not over `board`, or undefined when it is: from 0 up to (not
 * including) width and height.
 */
export function offBoardPointerReason(x: number, y: number, board: Board = GAME_BOARD): string | undefined {
  for (const [field, value, size] of [
    ['x', x, board.width],
    ['y', y, board.height],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value >= size)
      return `field "${field}": must be over the board (0 to below ${size})`;
  }
  return undefined;
}
