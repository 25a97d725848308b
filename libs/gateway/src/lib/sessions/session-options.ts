/** How connections end with their identity. */
export interface SessionOptions {
  /**
   * How long a connection whose access token expired has to send `reauth` after `reauth-required`, before it is
   * closed with 4001 (`AUTH_EXPIRED`).
   * @default 30
   */
  readonly reauthGraceSeconds: number;
  /**
   * How long a `resume-ticket` stays good (capped by the connection's own expiry); a fresh one replaces it after
   * half of that while the connection stays open. 0: no resume tickets (clients reconnect through
   * `POST /auth/ticket`).
   * @default 60
   */
  readonly resumeTicketTtlSeconds: number;
}

export const DEFAULT_REAUTH_GRACE_SECONDS = 30;
export const DEFAULT_RESUME_TICKET_TTL_SECONDS = 60;

export function resolveSessionOptions(options: Partial<SessionOptions> = {}): SessionOptions {
  return {
    reauthGraceSeconds: options.reauthGraceSeconds ?? DEFAULT_REAUTH_GRACE_SECONDS,
    resumeTicketTtlSeconds: options.resumeTicketTtlSeconds ?? DEFAULT_RESUME_TICKET_TTL_SECONDS,
  };
}

export const SESSION_OPTIONS = Symbol('PULSE_SESSION_OPTIONS');
