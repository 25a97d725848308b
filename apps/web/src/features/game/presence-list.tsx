import type { CSSProperties } from 'react';
import { playerColour } from './player-colour';
import type { Player } from '../../realtime/room.reducer';

export interface PresenceListProps {
  readonly players: readonly Player[];
  readonly selfId?: string;
  /**
   * Whether this tab is connected. While it is cut off it cannot know who is online, so every player shows as
   * "unknown" instead of their last known status. @default true
   */
  readonly linkUp?: boolean;
}

type Status = 'online' | 'offline' | 'unknown';

/** The players of the room, each in their board colour, with a status in words (not only a dot's look). */
export function PresenceList({ players, selfId, linkUp = true }: PresenceListProps) {
  const online = players.filter((player) => player.online).length;
  return (
    <section className="card presence" aria-labelledby="presence-title">
      <h3 id="presence-title">
        Players{' '}
        <span className="muted">{linkUp ? `(${online} online)` : '(status unknown while reconnecting)'}</span>
      </h3>
      <ul>
        {players.map((player) => {
          const status: Status = !linkUp ? 'unknown' : player.online ? 'online' : 'offline';
          return (
            <li
              key={player.id}
              className={`is-${status}`}
              style={{ '--player-colour': playerColour(player.id) } as CSSProperties}
            >
              <span className="presence__dot" aria-hidden="true" />
              {player.name}
              {player.id === selfId && ' (you)'}
              <span className="presence__status">
                <span className="visually-hidden">, </span>
                {status}
              </span>
            </li>
          );
        })}
        {players.length === 0 && <li className="muted">Waiting for the room…</li>}
      </ul>
    </section>
  );
}
