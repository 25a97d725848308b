import { GAME_BOARD } from '@pulse/protocol';
import { fireEvent, render, screen } from '@testing-library/react';
import type { Cell } from './board-keys';
import { GameBoard } from './game-board';
import type { Player } from '../../realtime/room.reducer';

const alice: Player = { id: 'alice', name: 'Alice', x: 2, y: 2, online: true };
const bob: Player = { id: 'bob', name: 'Bob', x: 9, y: 4, online: true };
/** The board as laid out on a phone (375 px wide, 1 rem padding each side): 343 px wide. */
const cellPx = 343 / GAME_BOARD.width;

function renderBoard(self: Player | undefined) {
  const onMove = jest.fn<void, [Cell]>();
  render(<GameBoard players={self ? [self, bob] : [bob]} self={self} onMove={onMove} />);
  const board = screen.getByRole('application');
  board.getBoundingClientRect = () =>
    DOMRect.fromRect({ x: 16, y: 100, width: GAME_BOARD.width * cellPx, height: GAME_BOARD.height * cellPx });
  const clickCell = (x: number, y: number) =>
    fireEvent.click(board, { clientX: 16 + (x + 0.5) * cellPx, clientY: 100 + (y + 0.5) * cellPx });
  return { onMove, board, clickCell };
}

describe('GameBoard', () => {
  it('moves this user to the clicked cell', () => {
    const { onMove, clickCell } = renderBoard(alice);
    clickCell(20, 13);
    expect(onMove).toHaveBeenCalledWith({ x: 20, y: 13 });
  });

  it('moves onto the cell of a token that was clicked', () => {
    const { onMove } = renderBoard(alice);
    fireEvent.click(screen.getByRole('img', { name: /^Bob/ }), {
      clientX: 16 + (bob.x + 0.5) * cellPx,
      clientY: 100 + (bob.y + 0.5) * cellPx,
    });
    expect(onMove).toHaveBeenCalledWith({ x: bob.x, y: bob.y });
  });

  it('does nothing for a click on the cell the player stands on', () => {
    const joined = renderBoard(alice);
    joined.clickCell(alice.x, alice.y);
    expect(joined.onMove).not.toHaveBeenCalled();
  });

  it('ignores clicks before this user is on the board', () => {
    const { onMove, clickCell } = renderBoard(undefined);
    clickCell(5, 5);
    expect(onMove).not.toHaveBeenCalled();
  });

  it('still moves by keyboard', () => {
    const { onMove, board } = renderBoard(alice);
    fireEvent.keyDown(board, { key: 'ArrowRight' });
    expect(onMove).toHaveBeenCalledWith({ x: 3, y: 2 });
  });

  it('places tokens by transform, so that moves can glide', () => {
    renderBoard(alice);
    expect(screen.getByRole('img', { name: /^Bob/ }).style.transform).toBe('translate(900%, 400%)');
    expect(screen.getByRole('img', { name: /^Alice/ }).className).toContain('token--self');
    expect(screen.getByRole('img', { name: /^Bob/ }).className).toContain('token--other');
  });
  it('names every player, marks this user, and fades an offline player without moving it', () => {
    const carol: Player = { id: 'carol', name: 'Carol', x: 0, y: 23, online: false };
    render(<GameBoard players={[alice, bob, carol]} self={alice} onMove={jest.fn()} />);
    expect(screen.getAllByRole('img').map((token) => token.getAttribute('aria-label'))).toEqual([
      'Alice (you), column 3, row 3',
      'Bob, column 10, row 5',
      'Carol, column 1, row 24, offline',
    ]);
    const faded = screen.getByRole('img', { name: 'Carol, column 1, row 24, offline' });
    expect(faded.className).toContain('token--offline');
    expect(faded.style.transform).toBe('translate(0%, 2300%)');
    expect(faded.textContent).toContain('Carol');
    expect(screen.getByRole('img', { name: /^Bob/ }).className).not.toContain('token--offline');
  });

  it('moves with W, A, S, D too, stays on the board at its edge, and leaves other keys alone', () => {
    const corner: Player = { ...alice, x: 0, y: 0 };
    const onMove = jest.fn<void, [Cell]>();
    render(<GameBoard players={[corner]} self={corner} onMove={onMove} />);
    const board = screen.getByRole('application');
    fireEvent.keyDown(board, { key: 'd' });
    fireEvent.keyDown(board, { key: 's' });
    fireEvent.keyDown(board, { key: 'ArrowLeft' });
    fireEvent.keyDown(board, { key: 'w' });
    const tab = fireEvent.keyDown(board, { key: 'Tab' });
    expect(onMove.mock.calls).toEqual([[{ x: 1, y: 0 }], [{ x: 0, y: 1 }]]);
    expect(tab).toBe(true);
  });

  it('takes the keyboard focus when asked, so the arrow keys work at once', () => {
    render(<GameBoard players={[alice]} self={alice} onMove={jest.fn()} autoFocus />);
    expect(document.activeElement).toBe(screen.getByRole('application'));
  });
});
