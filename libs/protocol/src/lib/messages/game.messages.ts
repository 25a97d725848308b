import { Type } from '@sinclair/typebox';
import { Coordinate, MessageId, PlayerId, RoomName, Seq } from './common.schemas';

export const MoveRequest = Type.Object(
  { type: Type.Literal('move'), room: RoomName, x: Coordinate, y: Coordinate, id: Type.Optional(MessageId) },
  {
    description:
      'Move your player. Every other member of the room gets a `move` event; the sender gets no echo.',
  },
);

export const MoveEvent = Type.Object(
  { type: Type.Literal('move'), room: RoomName, player: PlayerId, x: Coordinate, y: Coordinate, seq: Seq },
  { description: 'A player moved.' },
);

/**
 * The reference game's board, in cells. The server spawns players inside it, refuses a `move` outside it (the game's
 * rule, not the wire's: `move` accepts any coordinate within the protocol's bounds, so other games can reuse it), and
 * names it in every `snapshot` (`board`), which clients should draw from; this is the size when a snapshot has none.
 */
export const GAME_BOARD = { width: 32, height: 24 } as const;

/** A board's size in cells: cells are numbered 0 to width - 1 and 0 to height - 1. */
export const BoardSize = Type.Object(
  {
    width: Type.Integer({ minimum: 1, maximum: 1024, description: 'Columns; x runs from 0 to width - 1' }),
    height: Type.Integer({ minimum: 1, maximum: 1024, description: 'Rows; y runs from 0 to height - 1' }),
  },
  {
    description: 'The board of the room: a move must name whole cells inside it, or it gets INVALID_MESSAGE',
  },
);
