import { GAME_BOARD } from '@pulse/protocol';
import { boardPointAt, cellAtPoint, cellTransform } from './board-geometry';

describe('board geometry', () => {
  const size = { width: GAME_BOARD.width * 10, height: GAME_BOARD.height * 10 };

  it('finds the cell under a click', () => {
    expect(cellAtPoint({ x: 0, y: 0 }, size)).toEqual({ x: 0, y: 0 });
    expect(cellAtPoint({ x: 35, y: 19.9 }, size)).toEqual({ x: 3, y: 1 });
    expect(cellAtPoint({ x: size.width - 0.5, y: size.height - 0.5 }, size)).toEqual({
      x: GAME_BOARD.width - 1,
      y: GAME_BOARD.height - 1,
    });
  });

  it('scales with the board, as on a phone', () => {
    const phone = { width: 343, height: 257.25 };
    expect(cellAtPoint({ x: 171.5, y: 128.6 }, phone)).toEqual({ x: 16, y: 11 });
  });

  it('finds nothing off the board or on a board without a size', () => {
    expect(cellAtPoint({ x: -1, y: 5 }, size)).toBeUndefined();
    expect(cellAtPoint({ x: size.width, y: 5 }, size)).toBeUndefined();
    expect(cellAtPoint({ x: 5, y: 5 }, { width: 0, height: 0 })).toBeUndefined();
  });

  it('places a token by whole cells', () => {
    expect(cellTransform({ x: 3, y: 0 })).toBe('translate(300%, 0%)');
  });

  it('finds the fractional position under a pointer, in cells', () => {
    expect(boardPointAt({ x: 0, y: 0 }, size)).toEqual({ x: 0, y: 0 });
    expect(boardPointAt({ x: 35, y: 20 }, size)).toEqual({ x: 3.5, y: 2 });
    expect(boardPointAt({ x: 35, y: 20 }, { width: 70, height: 40 }, { width: 4, height: 2 })).toEqual({
      x: 2,
      y: 1,
    });
  });

  it('has no position off the board or on a board not laid out', () => {
    expect(boardPointAt({ x: -1, y: 5 }, size)).toBeUndefined();
    expect(boardPointAt({ x: 5, y: size.height }, size)).toBeUndefined();
    expect(boardPointAt({ x: 0, y: 0 }, { width: 0, height: 0 })).toBeUndefined();
  });
});
