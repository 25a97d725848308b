import { GAME_BOARD } from '@pulse/protocol';
import type { CSSProperties } from 'react';
import type { Size } from './board-geometry';
import { playerColour } from './player-colour';
import type { RemotePointer as Pointer } from './pointers.reducer';

export interface RemotePointerProps {
  readonly pointer: Pointer;
  readonly name: string;
  readonly board?: Size;
}

const percent = (value: number) => `${value * 100}%`;

/**
 * Another player's pointer, in their colour and with their name. Decorative (hidden from assistive technology): where
 * a player stands is announced by the tokens, and a pointer moving 20 times a second would be noise.
 */
export function RemotePointer({ pointer, name, board = GAME_BOARD }: RemotePointerProps) {
  const style = {
    left: percent(pointer.x / board.width),
    top: percent(pointer.y / board.height),
    '--player-colour': playerColour(pointer.player),
  } as CSSProperties;
  return (
    <div className="pointer" data-player={pointer.player} aria-hidden="true" style={style}>
      <svg className="pointer__arrow" viewBox="0 0 12 16" width="12" height="16">
        <path d="M0 0 L12 10 L6.5 10.5 L3.5 16 Z" />
      </svg>
      <span className="pointer__name">{name}</span>
    </div>
  );
}
