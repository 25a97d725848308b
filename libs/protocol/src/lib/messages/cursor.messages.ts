import { Type } from '@sinclair/typebox';
import { MessageId, PlayerId, RoomName } from './common.schemas';

/**
 * Live pointers: a server relays at most one `cursor` per player and room every `tickMs` (the last one it got in that
 * tick), so a client gains nothing by sending more often than that.
 */
export const CURSOR_TIMING = { tickMs: 50 } as const;

/** A pointer coordinate in cells, fractional: 2.5 is the middle of the third column (or row). */
export const PointerCoordinate = Type.Number({
  minimum: 0,
  exclusiveMaximum: 1024,
  description:
    "In cells, fractional, from 0 up to (not including) the board's width (for x) or height (for y)",
});

export const CursorRequest = Type.Object(
  {
    type: Type.Literal('cursor'),
    room: RoomName,
    x: PointerCoordinate,
    y: PointerCoordinate,
    id: Type.Optional(MessageId),
  },
  {
    description:
      "Where your pointer is on the board of a room you joined, in cells (fractional). Off the room's board " +
      '(`snapshot.board`) it is refused with INVALID_MESSAGE. Send it without `id` (an `id` only buys an `ack` per ' +
      'pointer). The other members get `cursor`, ' +
      `at most one per player every ${CURSOR_TIMING.tickMs} ms (the latest).`,
  },
);

export const CursorEvent = Type.Object(
  {
    type: Type.Literal('cursor'),
    room: RoomName,
    player: PlayerId,
    x: PointerCoordinate,
    y: PointerCoordinate,
  },
  {
    description:
      "A member's pointer moved. Unsequenced, conflated (the latest per player per tick) and never replayed: forget a " +
      "player's pointer when `presence` says they went offline.",
  },
);
