import { Type, type Static } from '@sinclair/typebox';

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { description: 'POST /auth/login body' },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const LoginResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
});
export type LoginResponse = Static<typeof LoginResponse>;

export const TicketResponse = Type.Object({
  /** Opaque, single use; pass it as `?ticket=` when opening the socket. */
  ticket: Type.String(),
  /** Seconds until the ticket expires. */
  expiresIn: Type.Integer(),
});
export type TicketResponse = Static<typeof TicketResponse>;

/** The HTTP paths of the auth flow and the socket, shared by server and clients. */
export const PulsePaths = {
  login: '/auth/login',
  ticket: '/auth/ticket',
  websocket: '/ws',
  health: '/healthz',
} as const;
