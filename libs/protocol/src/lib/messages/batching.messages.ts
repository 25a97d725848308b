import { Type, type TSchema } from '@sinclair/typebox';
import { MessageId } from './common.schemas';

/** The highest batching rate a connection may ask for; above it batching saves little and delays a lot. */
export const MAX_BATCH_HZ = 60;

export const BatchingRequest = Type.Object(
  {
    type: Type.Literal('batching'),
    hz: Type.Integer({
      minimum: 0,
      maximum: MAX_BATCH_HZ,
      description: 'Flushes per second; 0 turns batching off',
    }),
    id: Type.Optional(MessageId),
  },
  {
    description:
      'Opt in to per-tick batching on this connection (native WebSocket transport). While on, the server sends at most one ' +
      'frame per tick: a lone message as itself, several as one `batch`, in the order they were sent. Acknowledged with ' +
      '`ack` when it carries an `id`; refused with INVALID_MESSAGE on a transport that does not batch.',
  },
);

/** A `batch` frame: the messages of one tick, in order; `message` is the union of the other server messages. */
export function batchMessageSchema<T extends TSchema>(message: T) {
  return Type.Object(
    { type: Type.Literal('batch'), messages: Type.Array(message, { minItems: 2 }) },
    {
      description:
        'Several server messages sent in one frame by a connection that asked for `batching`; handle them in order.',
    },
  );
}
