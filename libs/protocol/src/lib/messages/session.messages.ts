import { Type } from '@sinclair/typebox';
import { MessageId } from './common.schemas';

/** A socket ticket as it travels in a `reauth`: opaque, single use. */
const Ticket = Type.String({ minLength: 1, maxLength: 512, description: 'A fresh ticket from POST /auth/ticket' });

export const ReauthMessage = Type.Object(
  { type: Type.Literal('reauth'), ticket: Ticket, id: Type.Optional(MessageId) },
  {
    description:
      'Extends the connection with a fresh ticket of the same user (answer to `reauth-required`, or any time before). ' +
      'Send it with an `id`: the `ack` confirms it, an `error` with `FORBIDDEN` refuses it.',
  },
);

export const ReauthRequiredMessage = Type.Object(
  {
    type: Type.Literal('reauth-required'),
    deadlineMs: Type.Integer({ minimum: 0, description: 'Milliseconds until the server closes with 4001 unless a `reauth` arrives' }),
  },
  {
    description:
      'The access token behind this connection expired: fetch a new ticket and send `reauth` within `deadlineMs`, ' +
      'or the connection closes with 4001 (`AUTH_EXPIRED`).',
  },
);
