import { LoginResponse, PulsePaths, TicketResponse, type LoginRequest } from '@pulse/protocol';
import type { TSchema, Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PulseAuthError } from './auth-error';

async function postForJson<S extends TSchema>(
  url: string,
  init: { headers: Record<string, string>; body?: string },
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
    throw new PulseAuthError(response.status, refused ? 'credentials refused' : `server answered ${response.status}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(schema, body)) throw new PulseAuthError(response.status, 'unexpected response from the server');
  return body;
}

/**
 * Logs in with a username and password. `baseUrl` is the server's origin ('' for same-origin).
 * @throws PulseAuthError; `authFailure` is true when the credentials were refused (401).
 */
export function login(baseUrl: string, username: string, password: string): Promise<LoginResponse> {
  const request: LoginRequest = { username, password };
  return postForJson(
    `${baseUrl}${PulsePaths.login}`,
    { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) },
    LoginResponse,
  );
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
