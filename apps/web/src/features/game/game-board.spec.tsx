import { GAME_BOARD } from '@pulse/protocol';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Cell } from './board-keys';
import { GameBoard } from './game-board';
import { playerColour } from './player-colour';
import { OFFLINE_TOKEN_RETENTION_MS } from './player-token';
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
  it('draws the board the snapshot names, and moves within it', () => {
    const onMove = jest.fn<void, [Cell]>();
    const small = { width: 8, height: 6 };
    const edge: Player = { ...alice, x: 7, y: 5 };
    render(<GameBoard players={[edge]} self={edge} onMove={onMove} board={small} />);
    const board = screen.getByRole('application');
    expect(board.getAttribute('aria-label')).toContain('Board of 8 by 6 cells');
    expect(board.style.aspectRatio).toBe('8 / 6');
    fireEvent.keyDown(board, { key: 'ArrowRight' });
    fireEvent.keyDown(board, { key: 'ArrowDown' });
    expect(onMove).not.toHaveBeenCalled();
    board.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 80, height: 60 });
    fireEvent.click(board, { clientX: 15, clientY: 25 });
    expect(onMove).toHaveBeenCalledWith({ x: 1, y: 2 });
  });

  it('draws each player in their own colour', () => {
    const carol: Player = { id: 'carol', name: 'Carol', x: 5, y: 5, online: true };
    render(<GameBoard players={[alice, bob, carol]} self={alice} onMove={jest.fn()} />);
    const colours = ['Alice', 'Bob', 'Carol'].map((name) =>
      screen.getByRole('img', { name: new RegExp(`^${name}`) }).style.getPropertyValue('--player-colour'),
    );
    expect(colours).toEqual(['alice', 'bob', 'carol'].map(playerColour));
    expect(new Set(colours).size).toBe(3);
  });

  it('keeps names inside the board: below the token on the top row, anchored inwards at the side edges', () => {
    const top: Player = { id: 't', name: 'Top', x: 10, y: 0, online: true };
    const left: Player = { id: 'l', name: 'Left', x: 0, y: 5, online: true };
    const right: Player = {
      id: 'r',
      name: 'Right',
      x: GAME_BOARD.width - 1,
      y: GAME_BOARD.height - 1,
      online: true,
    };
    render(<GameBoard players={[top, left, right, bob]} self={undefined} onMove={jest.fn()} />);
    const classOf = (name: string) => screen.getByRole('img', { name: new RegExp(`^${name},`) }).className;
    expect(classOf('Top')).toContain('token--label-below');
    expect(classOf('Left')).toContain('token--label-start');
    expect(classOf('Right')).toContain('token--label-end');
    expect(classOf('Right')).toContain('token--label-above');
    expect(classOf('Bob')).not.toMatch(/label-(below|start|end)/);
  });

  it('fades an offline player out of the board after the retention, and brings them back when they return', () => {
    jest.useFakeTimers();
    try {
      const carol: Player = { id: 'carol', name: 'Carol', x: 4, y: 4, online: false };
      const { rerender } = render(<GameBoard players={[alice, carol]} self={alice} onMove={jest.fn()} />);
      expect(screen.getByRole('img', { name: /^Carol/ }).className).toContain('token--offline');
      act(() => jest.advanceTimersByTime(OFFLINE_TOKEN_RETENTION_MS - 1));
      expect(screen.queryByRole('img', { name: /^Carol/ })).not.toBeNull();
      act(() => jest.advanceTimersByTime(1));
      expect(screen.queryByRole('img', { name: /^Carol/ })).toBeNull();
      rerender(<GameBoard players={[alice, { ...carol, online: true }]} self={alice} onMove={jest.fn()} />);
      expect(screen.getByRole('img', { name: 'Carol, column 5, row 5' }).className).not.toContain(
        'token--offline',
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it("draws the other online players' pointers where they are, in their colour and with their name", () => {
    const carol: Player = { id: 'carol', name: 'Carol', x: 5, y: 5, online: false };
    const { container } = render(
      <GameBoard
        players={[alice, bob, carol]}
        self={alice}
        onMove={jest.fn()}
        pointers={[
          { player: 'bob', x: 8, y: 6 },
          { player: 'carol', x: 1, y: 1 },
          { player: 'alice', x: 2, y: 2 },
        ]}
      />,
    );
    const drawn = [...container.querySelectorAll<HTMLElement>('.pointer')];
    expect(drawn.map((pointer) => pointer.dataset.player)).toEqual(['bob']);
    expect(drawn[0].style.left).toBe('25%');
    expect(drawn[0].style.top).toBe('25%');
    expect(drawn[0].style.getPropertyValue('--player-colour')).toBe(playerColour('bob'));
    expect(drawn[0].textContent).toBe('Bob');
    expect(drawn[0].getAttribute('aria-hidden')).toBe('true');
  });

  it('reports where the mouse is over the board in fractional cells, but not a touch', () => {
    // jsdom has no PointerEvent: a MouseEvent that carries pointerType stands in for Chromium's.
    class JsdomPointerEvent extends MouseEvent {
      readonly pointerType: string;
      constructor(type: string, init: PointerEventInit = {}) {
        super(type, init);
        this.pointerType = init.pointerType ?? '';
      }
    }
    const original = window.PointerEvent;
    window.PointerEvent = (original ?? JsdomPointerEvent) as typeof PointerEvent;
    try {
      const onPointer = jest.fn();
      render(<GameBoard players={[alice]} self={alice} onMove={jest.fn()} onPointer={onPointer} />);
      const board = screen.getByRole('application');
      board.getBoundingClientRect = () =>
        DOMRect.fromRect({ x: 10, y: 20, width: GAME_BOARD.width * 10, height: GAME_BOARD.height * 10 });
      fireEvent.pointerMove(board, { clientX: 10 + 125, clientY: 20 + 35, pointerType: 'mouse' });
      fireEvent.pointerMove(board, { clientX: 10 + 50, clientY: 20 + 50, pointerType: 'touch' });
      fireEvent.pointerMove(board, { clientX: 5, clientY: 25, pointerType: 'mouse' });
      expect(onPointer.mock.calls).toEqual([[{ x: 12.5, y: 3.5 }]]);
    } finally {
      window.PointerEvent = original;
    }
  });
});
