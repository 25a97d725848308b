import { RoomName } from '@pulse/protocol';
import { useId, useState, type FormEvent } from 'react';

export const DEFAULT_ROOM = 'lobby';

/** Join a room by name; a room that does not exist yet is created by joining it. */
export function CreateRoomForm({ onJoin }: { readonly onJoin: (room: string) => void }) {
  const [room, setRoom] = useState(DEFAULT_ROOM);
  const hintId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onJoin(room.trim());
  }

  return (
    <form className="card join-form" onSubmit={submit} aria-labelledby="create-room-title">
      <h3 id="create-room-title">Create or join a room</h3>
      <label>
        Room name
        <input
          name="room"
          required
          minLength={RoomName.minLength}
          maxLength={RoomName.maxLength}
          pattern={RoomName.pattern}
          title={RoomName.description}
          aria-describedby={hintId}
          value={room}
          onChange={(e) => setRoom(e.target.value)}
        />
      </label>
      <p id={hintId} className="hint">
        Letters, digits and : _ - . (up to 64).
      </p>
      <button type="submit">Join</button>
    </form>
  );
}
