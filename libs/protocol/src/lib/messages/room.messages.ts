import { Type } from '@sinclair/typebox';
import { Coordinate, MessageId, PlayerId, RoomName, Seq } from './common.schemas';
import { BoardSize } from './game.messages';

/** Where a client was in a room: the last `seq` it applied, in the room's `epoch`. */
export const ResumePoint = Type.Object({
  seq: Seq,
  epoch: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'The epoch of the snapshot the seq belongs to',
  }),
});

export const JoinMessage = Type.Object(
  {
    type: Type.Literal('join'),
    room: RoomName,
    id: Type.Optional(MessageId),
    since: Type.Optional(ResumePoint),
  },
  {
    description:
      'Join a room. The joiner gets a `snapshot`; the other members get `presence` online. With `since`, the server ' +
      'replays every event after that seq (then `resumed`) when its log still holds them, or sends a `snapshot` with `resync`.',
  },
);

export const ResumedMessage = Type.Object(
  { type: Type.Literal('resumed'), room: RoomName, seq: Seq },
  {
    description: 'Replay after `join` with `since` is complete up to `seq`; live events follow with no gap.',
  },
);

export const LeaveMessage = Type.Object(
  { type: Type.Literal('leave'), room: RoomName, id: Type.Optional(MessageId) },
  {
    description:
      "Leave a room. When it was the player's last connection there, the others get `presence` offline.",
  },
);

export const PlayerState = Type.Object({
  id: PlayerId,
  name: Type.String(),
  x: Coordinate,
  y: Coordinate,
  online: Type.Boolean(),
});

export const SnapshotMessage = Type.Object(
  {
    type: Type.Literal('snapshot'),
    room: RoomName,
    self: PlayerId,
    players: Type.Array(PlayerState),
    seq: Seq,
    epoch: Type.Optional(
      Type.String({ description: 'The room history epoch; pass it back with seq in `join.since`' }),
    ),
    resync: Type.Optional(
      Type.Boolean({
        description: 'Sent unasked: replace your room state with this one (the server lost or reconciled it)',
      }),
    ),
    board: Type.Optional(BoardSize),
  },
  {
    description:
      'The full state of a room, sent to a connection that joins it, or with `resync` when its state must be replaced.',
  },
);

export const PresenceMessage = Type.Object(
  {
    type: Type.Literal('presence'),
    room: RoomName,
    player: PlayerId,
    status: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
    name: Type.Optional(Type.String()),
    x: Type.Optional(Coordinate),
    y: Type.Optional(Coordinate),
    seq: Type.Optional(Seq),
  },
  {
    description:
      'A player came online (first connection joined) or went offline (last connection left or died). ' +
      "Online presence carries the player's name and position.",
  },
);
