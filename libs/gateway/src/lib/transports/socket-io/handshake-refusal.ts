import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';

const REFUSAL_MESSAGES: Readonly<Record<number, string>> = {
  401: 'unauthorized',
  403: 'forbidden',
  429: 'too many requests',
  503: 'unavailable',
};

/** A refused Engine.IO handshake, as its JSON body says it (no credential, no echo of the request). */
export interface SocketIoRefusal {
  readonly status: number;
  readonly reason: string;
  readonly message: string;
}

/** Engine.IO keeps the response of a polling request on the request; an upgrade has none. */
type EngineRequest = IncomingMessage & { res?: ServerResponse };

/**
 * Answers a refused Engine.IO handshake with its real status (Engine.IO's own refusals are a 403 or a 400) and
 * `{status, reason, message}` as JSON: on the polling request's response, or straight onto the socket of a
 * WebSocket upgrade. `done` runs once the answer is written, so Engine.IO's own clean-up (which destroys an
 * upgrade's socket) cannot cut it off.
 */
export function writeHandshakeRefusal(
  request: IncomingMessage,
  refusal: { readonly status: number; readonly reason: string; readonly headers: OutgoingHttpHeaders },
  done: () => void,
): void {
  const body = JSON.stringify({
    status: refusal.status,
    reason: refusal.reason,
    message: REFUSAL_MESSAGES[refusal.status] ?? 'refused',
  } satisfies SocketIoRefusal);
  const headers: OutgoingHttpHeaders = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...refusal.headers,
  };
  const response = (request as EngineRequest).res;
  if (response) {
    if (!response.headersSent) response.writeHead(refusal.status, headers).end(body);
    return done();
  }
  const socket = request.socket;
  socket.on('error', () => undefined);
  if (!socket.writable) return done();
  const lines = [`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${String(value)}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, done);
}
