import { LobbyPaths, RoomsResponse } from '@pulse/protocol';
import { Value } from '@sinclair/typebox/value';
import { PulseAuthError } from './auth-error';

/**
 * Lists the rooms that have players online, busiest first (`GET /rooms`). `baseUrl` is the server's origin ('' for
 * same-origin); `signal` aborts the request.
 * @throws PulseAuthError; `authFailure` is true when the access token was refused (401), e.g. expired.
 */
export async function listRooms(
  baseUrl: string,
  accessToken: string,
  signal?: AbortSignal,
): Promise<RoomsResponse['rooms']> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${LobbyPaths.rooms}`, {
      headers: { authorization: `Bearer ${accessToken}` },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
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
  if (!Value.Check(RoomsResponse, body))
    throw new PulseAuthError(response.status, 'unexpected response from the server');
  return body.rooms;
}
