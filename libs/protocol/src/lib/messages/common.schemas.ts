import { Type } from '@sinclair/typebox';

/** A room name: 1-64 characters of letters, digits and `: _ - .` (so `ticker:ACME` and `admin:lobby` fit). */
export const RoomName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9:_.\\-]+$',
  description: 'Room name: 1-64 characters of letters, digits and ": _ - ."',
});

/** A client-chosen message id; when present the server answers with an `ack` or an `error` carrying it. */
export const MessageId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Client-chosen id; the server answers with an ack or an error carrying it',
});

/** A player id: the user's id (the JWT `sub`). */
export const PlayerId = Type.String({ minLength: 1, maxLength: 128, description: 'The user id (JWT sub)' });

/** A board coordinate. Finite, bounded so that state stays sane. */
export const Coordinate = Type.Number({ minimum: -1_000_000, maximum: 1_000_000 });

/** A room's sequence number: grows by one for every sequenced event in the room. */
export const Seq = Type.Integer({ minimum: 0, description: 'Per-room sequence number; only grows' });
