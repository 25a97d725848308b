import { useLobbyRooms } from '../../realtime/use-lobby-rooms';
import type { AccessTokens } from '../login/session.types';
import { CreateRoomForm } from './create-room-form';
import { RoomList } from './room-list';

/** The rooms with their player counts (refreshed every few seconds), and a form to create or join one by name. */
export function LobbyPage({
  tokens,
  onJoin,
}: {
  readonly tokens: AccessTokens;
  readonly onJoin: (room: string) => void;
}) {
  const { rooms, error } = useLobbyRooms(tokens);
  return (
    <div className="lobby">
      <RoomList rooms={rooms} error={error} onJoin={onJoin} />
      <CreateRoomForm onJoin={onJoin} />
    </div>
  );
}
