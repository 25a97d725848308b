import { RoomName } from '@pulse/protocol';
import { useState, type FormEvent } from 'react';

export const DEFAULT_ROOM = 'lobby';

export function JoinRoomForm({ onJoin }: { readonly onJoin: (room: string) => void }) {
  const [room, setRoom] = useState(DEFAULT_ROOM);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onJoin(room.trim());
  }

  return (
    <form className="card join-form" onSubmit={submit}>
      <label>
        Room
        <input
          name="room"
          required
          minLength={RoomName.minLength}
          maxLength={RoomName.maxLength}
          pattern={RoomName.pattern}
          title={RoomName.description}
          value={room}
          onChange={(e) => setRoom(e.target.value)}
        />
      </label>
      <button type="submit">Join</button>
    </form>
  );
}
