import type { Size } from './board-geometry';
import { cellAfterKey, type Cell } from './board-keys';

const buttons = [
  { key: 'ArrowUp', label: 'Move up', symbol: '↑', area: 'up' },
  { key: 'ArrowLeft', label: 'Move left', symbol: '←', area: 'left' },
  { key: 'ArrowRight', label: 'Move right', symbol: '→', area: 'right' },
  { key: 'ArrowDown', label: 'Move down', symbol: '↓', area: 'down' },
] as const;

/** On-screen arrows for touch screens, which have no keyboard. */
export function MovePad({
  self,
  board,
  onMove,
}: {
  readonly self: Cell | undefined;
  readonly board?: Size;
  readonly onMove: (to: Cell) => void;
}) {
  return (
    <div className="move-pad" role="group" aria-label="Move">
      {buttons.map(({ key, label, symbol, area }) => {
        const to = self && cellAfterKey(self, key, board);
        return (
          <button
            key={key}
            type="button"
            aria-label={label}
            style={{ gridArea: area }}
            disabled={!to}
            onClick={() => to && onMove(to)}
          >
            {symbol}
          </button>
        );
      })}
    </div>
  );
}
