import { PulseAuthError } from '@pulse/client';

/** What to tell the user when logging in failed. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof PulseAuthError)) return 'Login failed. Please try again.';
  if (error.authFailure) return 'Wrong username or password.';
  if (error.status === 0) return 'Cannot reach the server. Check your connection and try again.';
  return `The server could not log you in (HTTP ${error.status}). Please try again.`;
}
