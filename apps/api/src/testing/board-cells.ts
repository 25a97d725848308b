import { GAME_BOARD } from '@pulse/protocol';

/** How many distinct cells the game's board has: tests that number moves count up to this. */
export const BOARD_CELLS = GAME_BOARD.width * GAME_BOARD.height;

/**
 * The n-th cell of the board, row by row (n wraps after `BOARD_CELLS`), so a test can send many distinct moves that the
 * game accepts (it refuses moves off the board) and tell them apart with `cellIndex`.
 */
export function boardCell(n: number): { x: number; y: number } {
  const index = n % BOARD_CELLS;
  return { x: index % GAME_BOARD.width, y: Math.floor(index / GAME_BOARD.width) };
}

/** The inverse of `boardCell` for n below `BOARD_CELLS`. */
export function cellIndex(cell: { x: number; y: number }): number {
  return cell.y * GAME_BOARD.width + cell.x;
}
