import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Letters, digits, `_`, `-`, `:` (UUIDs, nginx's $request_id, ULIDs); no `.`, so a JWT is never taken for an id.
const SANE_ID = /^[A-Za-z0-9_:-]{1,128}$/;

/** The request's id: the caller's `X-Request-Id` when it is sane, else a new UUID; echoed in the response. */
export function requestIdFor(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
