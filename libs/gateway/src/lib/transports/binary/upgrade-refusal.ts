import { STATUS_CODES, type OutgoingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';

/** Answers an upgrade request with an HTTP error instead of the 101, and closes the TCP connection. */
export function refuseUpgrade(socket: Duplex, status: number, headers: OutgoingHttpHeaders = {}): void {
  if (!socket.writable) return void socket.destroy();
  const body = STATUS_CODES[status] ?? 'Refused';
  const lines = [
    `HTTP/1.1 ${status} ${body}`,
    'Connection: close',
    'Content-Type: text/plain',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
