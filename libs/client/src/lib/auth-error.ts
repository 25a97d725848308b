/** A failed call to the auth endpoints. `status` is the HTTP status, or 0 when the server could not be reached. */
export class PulseAuthError extends Error {
  override readonly name = 'PulseAuthError';
  /** True when the credentials themselves were refused: retrying with them cannot succeed. */
  readonly authFailure: boolean;

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.authFailure = status === 401 || status === 403;
  }
}

/**
 * True for an error marked as an auth failure: a `PulseAuthError` for 401/403, or any error object an app marks
 * with `authFailure: true` (for its own ticket fetcher).
 */
export function isAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'authFailure' in error && error.authFailure === true;
}
