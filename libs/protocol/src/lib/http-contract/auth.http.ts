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

export const RefreshResponse = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    /** Seconds until the access token expires; renew before then. */
    expiresIn: Type.Integer(),
    /** Who is signed in, so a reloaded page can greet them without asking. */
    user: Type.Object({ id: Type.String({ minLength: 1 }), name: Type.String() }),
  },
  {
    description:
      'POST /auth/refresh: a fresh access token; the pulse_refresh cookie now holds the next refresh token',
  },
);
export type RefreshResponse = Static<typeof RefreshResponse>;

/** The HttpOnly cookie holding the refresh token, sent by browsers only to paths under `/auth`. */
export const REFRESH_COOKIE = { name: 'pulse_refresh', path: '/auth' } as const;

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
  refresh: '/auth/refresh',
  logout: '/auth/logout',
  ticket: '/auth/ticket',
  websocket: '/ws',
  health: '/healthz',
} as const;
