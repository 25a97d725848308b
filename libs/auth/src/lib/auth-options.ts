/** Options of `AuthModule.forRoot`. */
export interface AuthOptions {
  /** HS256 secret that access tokens are signed with. */
  jwtSecret: string;
  /** Lifetime of a dev-login access token. @default 3600 */
  accessTokenTtlSeconds: number;
  /** Lifetime of a socket ticket. @default 30 */
  ticketTtlSeconds: number;
  /** Whether `POST /auth/login` accepts the built-in dev users. Off in production. */
  devLogin: boolean;
  /** Browser origins allowed to open sockets; empty allows any. A request without `Origin` is not a browser's. */
  allowedOrigins: readonly string[];
}

export const AUTH_OPTIONS = Symbol('PULSE_AUTH_OPTIONS');
