import { GAME_BOARD } from '@pulse/protocol';
import { cellAfterKey, clampToBoard, stepForKey } from './board-keys';

describe('board keys', () => {
  it('maps arrows and WASD in either case, and nothing else', () => {
    expect(stepForKey('ArrowUp')).toEqual({ x: 0, y: -1 });
    expect(stepForKey('d')).toEqual({ x: 1, y: 0 });
    expect(stepForKey('A')).toEqual({ x: -1, y: 0 });
    expect(stepForKey('Enter')).toBeUndefined();
    expect(stepForKey('x')).toBeUndefined();
  });

  it('moves one cell', () => {
    expect(cellAfterKey({ x: 3, y: 3 }, 's')).toEqual({ x: 3, y: 4 });
    expect(cellAfterKey({ x: 3, y: 3 }, 'ArrowLeft')).toEqual({ x: 2, y: 3 });
  });

  it('keeps the player on the board', () => {
    expect(cellAfterKey({ x: 0, y: 0 }, 'ArrowUp')).toBeUndefined();
    expect(cellAfterKey({ x: GAME_BOARD.width - 1, y: 0 }, 'd')).toBeUndefined();
    expect(clampToBoard({ x: 99, y: -4 })).toEqual({ x: GAME_BOARD.width - 1, y: 0 });
  });

  it('brings a player standing off the board back onto it', () => {
    expect(cellAfterKey({ x: 50, y: 50 }, 'ArrowLeft')).toEqual({
      x: GAME_BOARD.width - 1,
      y: GAME_BOARD.height - 1,
    });
  });
});
