import { LOBBY_ROOMS_LIMIT, type RoomsResponse } from '@pulse/protocol';

/** What the lobby lists: rooms with players online, busiest first, then by name; at most `limit`. */
export function lobbyRooms(
  counts: ReadonlyArray<{ room: string; online: number }>,
  limit = LOBBY_ROOMS_LIMIT,
): RoomsResponse {
  const rooms = counts
    .filter(({ online }) => online > 0)
    .map(({ room, online }) => ({ name: room, online }))
    .sort((a, b) => b.online - a.online || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
  return { rooms };
}
