import { PulsePaths, type TicketResponse } from '@pulse/protocol';

/** `POST /auth/ticket` with a bearer token (and an `Origin`, as a browser would send). Returns the response. */
export function postTicket(httpUrl: string, token: string | undefined, origin?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  if (origin !== undefined) headers['origin'] = origin;
  return fetch(`${httpUrl}${PulsePaths.ticket}`, { method: 'POST', headers });
}

/** A ticket for the token; throws unless the server answers 200. */
export async function ticketWith(httpUrl: string, token: string, origin?: string): Promise<string> {
  const response = await postTicket(httpUrl, token, origin);
  if (response.status !== 200) throw new Error(`ticket answered ${response.status}`);
  return ((await response.json()) as TicketResponse).ticket;
}
