import { GAME_BOARD } from '@pulse/protocol';
import { boardOf, offBoardPointerReason, offBoardReason } from './board-bounds';

describe('offBoardReason', () => {
  it('accepts every cell of the board, corners included', () => {
    expect(offBoardReason(0, 0)).toBeUndefined();
    expect(offBoardReason(GAME_BOARD.width - 1, GAME_BOARD.height - 1)).toBeUndefined();
  });

  it.each([
    [GAME_BOARD.width, 0, 'field "x": must be on the board (0 to 31)'],
    [-1, 0, 'field "x": must be on the board (0 to 31)'],
    [0, GAME_BOARD.height, 'field "y": must be on the board (0 to 23)'],
    [1.5, 0, 'field "x": must be a whole cell'],
    [0, Number.NaN, 'field "y": must be a whole cell'],
  ])('refuses (%p, %p): %s', (x, y, reason) => {
    expect(offBoardReason(x, y)).toBe(reason);
  });

  it('follows the board it is given', () => {
    expect(offBoardReason(40, 5, { width: 64, height: 8 })).toBeUndefined();
    expect(offBoardReason(5, 8, { width: 64, height: 8 })).toBe('field "y": must be on the board (0 to 7)');
  });

  it('names the board in snapshots as a copy of the default', () => {
    expect(boardOf()).toEqual({ width: 32, height: 24 });
    expect(boardOf()).not.toBe(GAME_BOARD);
  });
});

describe('offBoardPointerReason', () => {
  it('accepts any point over the board, fractions included, up to its far edges', () => {
    expect(offBoardPointerReason(0, 0)).toBeUndefined();
    expect(offBoardPointerReason(15.5, 11.25)).toBeUndefined();
    expect(offBoardPointerReason(GAME_BOARD.width - 0.001, GAME_BOARD.height - 0.001)).toBeUndefined();
  });

  it.each([
    [GAME_BOARD.width, 0, 'field "x": must be over the board (0 to below 32)'],
    [-0.5, 0, 'field "x": must be over the board (0 to below 32)'],
    [0, GAME_BOARD.height + 3.5, 'field "y": must be over the board (0 to below 24)'],
    [Number.NaN, 0, 'field "x": must be over the board (0 to below 32)'],
  ])('refuses (%p, %p): %s', (x, y, reason) => {
    expect(offBoardPointerReason(x, y)).toBe(reason);
  });

  it('follows the board it is given', () => {
    expect(offBoardPointerReason(63.9, 7.9, { width: 64, height: 8 })).toBeUndefined();
    expect(offBoardPointerReason(40, 5, { width: 32, height: 8 })).toBe(
      'field "x": must be over the board (0 to below 32)',
    );
  });
});
