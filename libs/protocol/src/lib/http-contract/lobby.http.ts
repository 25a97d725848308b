import { Type, type Static } from '@sinclair/typebox';
import { RoomName } from '../messages/common.schemas';

/** The lobby's HTTP paths. `GET /rooms` needs `Authorization: Bearer <access token>`. */
export const LobbyPaths = {
  rooms: '/rooms',
} as const;

/** The most rooms `GET /rooms` lists (the busiest first). */
export const LOBBY_ROOMS_LIMIT = 100;

export const RoomSummary = Type.Object({
  name: RoomName,
  /** Players with at least one live connection in the room, on any node. */
  online: Type.Integer({ minimum: 1 }),
});
export type RoomSummary = Static<typeof RoomSummary>;

export const RoomsResponse = Type.Object(
  { rooms: Type.Array(RoomSummary, { maxItems: LOBBY_ROOMS_LIMIT }) },
  { description: 'GET /rooms: rooms that have players online, busiest first, then by name' },
);
export type RoomsResponse = Static<typeof RoomsResponse>;
