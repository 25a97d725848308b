import { Type } from '@sinclair/typebox';
import { MessageId } from './common.schemas';

/** A socket ticket as it travels in a `reauth`: opaque, single use. */
const Ticket = Type.String({
  minLength: 1,
  maxLength: 512,
  description: 'A fresh ticket from POST /auth/ticket',
});

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
    deadlineMs: Type.Integer({
      minimum: 0,
      description: 'Milliseconds until the server closes with 4001 unless a `reauth` arrives',
    }),
  },
  {
    description:
      'The access token behind this connection expired: fetch a new ticket and send `reauth` within `deadlineMs`, ' +
      'or the connection closes with 4001 (`AUTH_EXPIRED`).',
  },
);

export const ResumeTicketMessage = Type.Object(
  {
    type: Type.Literal('resume-ticket'),
    ticket: Type.String({
      minLength: 1,
      maxLength: 512,
      description: 'A single-use ticket for the next `GET /ws?ticket=` (or Socket.IO handshake)',
    }),
    expiresIn: Type.Integer({ minimum: 1, description: 'Seconds the ticket stays good from now' }),
  },
  {
    description:
      'A ticket to reconnect with, without `POST /auth/ticket`: sent after each `snapshot` and `resumed`, and again ' +
      'before the last one expires while the connection stays open. Keep the latest: each one ends the one before the ' +
      'previous. Single use, bound to this user and origin, refused after a revocation of the user; when the ' +
      'upgrade with it is refused (401), fetch a ticket over HTTP as usual.',
  },
);
