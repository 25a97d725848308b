import {
  LoginResponse,
  PulsePaths,
  RefreshResponse,
  TicketResponse,
  type LoginRequest,
} from '@pulse/protocol';
import type { TSchema, Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PulseAuthError } from './auth-error';

async function postForJson<S extends TSchema>(
  url: string,
  init: { headers: Record<string, string>; body?: string; credentials?: RequestCredentials },
  schema: S,
): Promise<Static<S>> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', ...init });
  } catch {
    throw new PulseAuthError(0, 'the server could not be reached');
  }
  if (!response.ok) {
    const refused = response.status === 401 || response.status === 403;
    throw new PulseAuthError(
      response.status,
      refused ? 'credentials refused' : `server answered ${response.status}`,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(schema, body))
    throw new PulseAuthError(response.status, 'unexpected response from the server');
  return body;
}

/**
 * Logs in with a username and password. `baseUrl` is the server's origin ('' for same-origin). The browser keeps
 * the refresh token the answer sets in the `pulse_refresh` cookie (HttpOnly: no script sees it).
 * @throws PulseAuthError; `authFailure` is true when the credentials were refused (401).
 */
export function login(baseUrl: string, username: string, password: string): Promise<LoginResponse> {
  const request: LoginRequest = { username, password };
  return postForJson(
    `${baseUrl}${PulsePaths.login}`,
    {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      credentials: 'include',
    },
    LoginResponse,
  );
}

/**
 * Trades the `pulse_refresh` cookie for a fresh access token (`POST /auth/refresh`); the cookie is rotated. Call it
 * one at a time per browser: a refresh token presented twice ends its sign-in (`AccessTokenSession` takes care).
 * @throws PulseAuthError; `authFailure` is true when there is no valid sign-in (401): sign in again.
 */
export function refreshAccessToken(baseUrl: string): Promise<RefreshResponse> {
  return postForJson(
    `${baseUrl}${PulsePaths.refresh}`,
    { headers: {}, credentials: 'include' },
    RefreshResponse,
  );
}

/** Signs out (`POST /auth/logout`): the sign-in of the `pulse_refresh` cookie ends and the cookie is cleared. */
export async function logout(baseUrl: string): Promise<void> {
  try {
    await fetch(`${baseUrl}${PulsePaths.logout}`, { method: 'POST', credentials: 'include' });
  } catch {
    throw new PulseAuthError(0, 'the server could not be reached');
  }
}

/**
 * Gets a single-use ticket for opening the socket (`/ws?ticket=`).
 * @throws PulseAuthError; `authFailure` is true when the access token was refused (401), e.g. expired.
 */
export async function fetchTicket(baseUrl: string, accessToken: string): Promise<string> {
  const response = await postForJson(
    `${baseUrl}${PulsePaths.ticket}`,
    { headers: { authorization: `Bearer ${accessToken}` } },
    TicketResponse,
  );
  return response.ticket;
}
