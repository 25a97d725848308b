import { GAME_BOARD } from '@pulse/protocol';
import { useEffect, useState, type CSSProperties } from 'react';
import { cellTransform, type Size } from './board-geometry';
import { clampToBoard, type Cell } from './board-keys';
import { playerColour } from './player-colour';
import type { Player } from '../../realtime/room.reducer';

/**
 * How long an offline player's token stays on the board, fading out, in milliseconds. The server keeps an offline
 * player (and their position) for as long as it keeps the room, so that they come back where they were; the board
 * only shows them for this long. They stay in the player list.
 */
export const OFFLINE_TOKEN_RETENTION_MS = 30_000;

const percent = (value: number) => `${value * 100}%`;

/**
 * Where a token's name goes so that the board does not clip it: below the token on the top row (above it elsewhere),
 * and anchored to the token's inner side near the left and right edges instead of centred on it.
 */
export function labelPlacement(cell: Cell, board: Size): string[] {
  const classes = [cell.y === 0 ? 'token--label-below' : 'token--label-above'];
  if (cell.x < 3) classes.push('token--label-start');
  else if (cell.x > board.width - 4) classes.push('token--label-end');
  return classes;
}

/**
 * True once the player has been offline for `retentionMs` while this token was mounted (never while online). The board
 * keys a token by the player's status too, so a player who comes back and leaves again starts a fresh retention.
 */
function useGone(online: boolean, retentionMs: number): boolean {
  const [gone, setGone] = useState(false);
  useEffect(() => {
    if (online) return undefined;
    const timer = setTimeout(() => setGone(true), retentionMs);
    return () => clearTimeout(timer);
  }, [online, retentionMs]);
  return gone;
}

export interface PlayerTokenProps {
  readonly player: Player;
  readonly isSelf: boolean;
  readonly board?: Size;
  /** @default OFFLINE_TOKEN_RETENTION_MS */
  readonly offlineRetentionMs?: number;
}

/**
 * A player on the board, in their colour. Other players glide between cells (a short CSS transition, off under
 * prefers-reduced-motion); this user's own token moves at once, since its moves are applied locally. An offline
 * player fades out over `offlineRetentionMs`, then leaves the board.
 */
export function PlayerToken({
  player,
  isSelf,
  board = GAME_BOARD,
  offlineRetentionMs = OFFLINE_TOKEN_RETENTION_MS,
}: PlayerTokenProps) {
  const gone = useGone(player.online, offlineRetentionMs);
  if (gone) return null;
  const cell = clampToBoard(player, board);
  const classes = [
    'token',
    isSelf ? 'token--self' : 'token--other',
    player.online ? '' : 'token--offline',
    ...labelPlacement(cell, board),
  ].filter(Boolean);
  const label = `${player.name}${isSelf ? ' (you)' : ''}, column ${cell.x + 1}, row ${cell.y + 1}${
    player.online ? '' : ', offline'
  }`;
  const style = {
    width: percent(1 / board.width),
    height: percent(1 / board.height),
    transform: cellTransform(cell),
    '--player-colour': playerColour(player.id),
    '--offline-fade': `${offlineRetentionMs}ms`,
  } as CSSProperties;
  return (
    <div className={classes.join(' ')} role="img" aria-label={label} title={label} style={style}>
      <span className="token__dot" aria-hidden="true">
        {player.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="token__name" aria-hidden="true">
        {player.name}
      </span>
    </div>
  );
}
