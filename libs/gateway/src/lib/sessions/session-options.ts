/** How connections end with their identity. */
export interface SessionOptions {
  /**
   * How long a connection whose access token expired has to send `reauth` after `reauth-required`, before it is
   * closed with 4001 (`AUTH_EXPIRED`).
   * @default 30
   */
  readonly reauthGraceSeconds: number;
}

export const DEFAULT_REAUTH_GRACE_SECONDS = 30;

export function resolveSessionOptions(options: Partial<SessionOptions> = {}): SessionOptions {
  return { reauthGraceSeconds: options.reauthGraceSeconds ?? DEFAULT_REAUTH_GRACE_SECONDS };
}

export const SESSION_OPTIONS = Symbol('PULSE_SESSION_OPTIONS');
