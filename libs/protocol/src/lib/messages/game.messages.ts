import { Type } from '@sinclair/typebox';
import { Coordinate, MessageId, PlayerId, RoomName, Seq } from './common.schemas';

export const MoveRequest = Type.Object(
  { type: Type.Literal('move'), room: RoomName, x: Coordinate, y: Coordinate, id: Type.Optional(MessageId) },
  { description: 'Move your player. Every other member of the room gets a `move` event; the sender gets no echo.' },
);

export const MoveEvent = Type.Object(
  { type: Type.Literal('move'), room: RoomName, player: PlayerId, x: Coordinate, y: Coordinate, seq: Seq },
  { description: 'A player moved.' },
);

/**
 * The reference game's board, in cells. The server spawns players inside it; clients draw it and keep their own
 * moves inside it. The wire accepts any coordinate within the protocol's bounds, so other games can reuse `move`.
 */
export const GAME_BOARD = { width: 32, height: 24 } as const;
