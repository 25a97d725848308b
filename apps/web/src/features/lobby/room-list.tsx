import type { RoomSummary } from '@pulse/protocol';
import { CopyInviteLink } from './copy-invite-link';
import { DEFAULT_ROOM } from './create-room-form';

export interface RoomListProps {
  /** Undefined while the first answer is on its way. */
  readonly rooms: readonly RoomSummary[] | undefined;
  readonly error: string | null;
  readonly onJoin: (room: string) => void;
}

const playersText = (online: number) => `${online} ${online === 1 ? 'player' : 'players'} online`;

/** The rooms with players online, each with a button to join it. */
export function RoomList({ rooms, error, onJoin }: RoomListProps) {
  return (
    <section className="card room-list" aria-labelledby="rooms-title" aria-busy={rooms === undefined}>
      <h2 id="rooms-title">Rooms</h2>
      {rooms === undefined && !error && <p className="muted">Loading rooms…</p>}
      {rooms?.length === 0 && (
        <p className="muted">
          Nobody is playing right now. Create a room and invite someone:{' '}
          <CopyInviteLink room={DEFAULT_ROOM} label={`Copy an invite link to “${DEFAULT_ROOM}”`} />
        </p>
      )}
      {rooms && rooms.length > 0 && (
        <ul>
          {rooms.map((room) => (
            <li key={room.name}>
              <span className="room-list__name">{room.name}</span>
              <span className="room-list__count muted">{playersText(room.online)}</span>
              <button
                type="button"
                aria-label={`Join ${room.name}, ${playersText(room.online)}`}
                onClick={() => onJoin(room.name)}
              >
                Join
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="room-list__error muted" role="status">
        {error ? `Could not refresh the room list (${error}); retrying.` : ''}
      </p>
    </section>
  );
}
