import { GAME_BOARD } from '@pulse/protocol';
import { cellTransform } from './board-geometry';
import { clampToBoard } from './board-keys';
import type { Player } from '../../realtime/room.reducer';

const percent = (value: number) => `${value * 100}%`;

/**
 * A player on the board. Other players glide between cells (a short CSS transition, off under
 * prefers-reduced-motion); this user's own token moves at once, since its moves are applied locally.
 */
export function PlayerToken({ player, isSelf }: { readonly player: Player; readonly isSelf: boolean }) {
  const cell = clampToBoard(player);
  const classes = [
    'token',
    isSelf ? 'token--self' : 'token--other',
    player.online ? '' : 'token--offline',
  ].filter(Boolean);
  const label = `${player.name}${isSelf ? ' (you)' : ''}, column ${cell.x + 1}, row ${cell.y + 1}${
    player.online ? '' : ', offline'
  }`;
  return (
    <div
      className={classes.join(' ')}
      role="img"
      aria-label={label}
      title={label}
      style={{
        width: percent(1 / GAME_BOARD.width),
        height: percent(1 / GAME_BOARD.height),
        transform: cellTransform(cell),
      }}
    >
      <span className="token__dot" aria-hidden="true">
        {player.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="token__name" aria-hidden="true">
        {player.name}
      </span>
    </div>
  );
}
