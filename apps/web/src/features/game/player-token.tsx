import { GAME_BOARD } from '@pulse/protocol';
import { clampToBoard } from './board-keys';
import type { Player } from './room.reducer';

const percent = (value: number) => `${value * 100}%`;

export function PlayerToken({ player, isSelf }: { readonly player: Player; readonly isSelf: boolean }) {
  const cell = clampToBoard(player);
  const classes = ['token', isSelf ? 'token--self' : '', player.online ? '' : 'token--offline'].filter(Boolean);
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
        left: percent(cell.x / GAME_BOARD.width),
        top: percent(cell.y / GAME_BOARD.height),
        width: percent(1 / GAME_BOARD.width),
        height: percent(1 / GAME_BOARD.height),
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
