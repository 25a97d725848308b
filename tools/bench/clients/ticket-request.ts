import type { PulsePaths, TicketResponse } from '@pulse/protocol';
import { connect, type Socket } from 'node:net';

const TICKET_PATH: (typeof PulsePaths)['ticket'] = '/auth/ticket';
/** Idle keep-alive connections kept per server (the storm has 64 clients in flight). */
const MAX_IDLE = 64;
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CONNECTION_CLOSE = /\r\nconnection:[ \t]*close/i;

/** Counts of ticket requests re-sent because the server closed an idle keep-alive socket as it was reused. */
export const ticketRetries = { count: 0 };

/**
 * `POST /auth/ticket` with a bearer token; resolves with the single-use ticket.
 *
 * The request is written by hand on a pooled keep-alive connection: the server sees an ordinary HTTP/1.1 request,
 * while the load generator (one process, one CPU, measuring every target) skips `http.request`'s per-request
 * machinery, which cost about as much client CPU as a whole bare WebSocket upgrade.
 */
export async function requestTicket(
  baseUrl: string,
  accessToken: string,
  timeoutMs: number,
): Promise<string> {
  const server = serverOf(baseUrl);
  const pooled = server.idle.pop();
  try {
    return await (pooled ?? new TicketConnection(server)).post(accessToken, timeoutMs);
  } catch (error) {
    // The race Node's docs describe for keep-alive agents: retry once, only on a reused socket that was reset.
    if (!(error instanceof StaleSocketError)) throw error;
    ticketRetries.count++;
    return new TicketConnection(server).post(accessToken, timeoutMs);
  }
}

interface Server {
  readonly host: string;
  readonly port: number;
  /** `Host` header and the fixed start of every request. */
  readonly head: string;
  readonly idle: TicketConnection[];
}

const servers = new Map<string, Server>();

function serverOf(baseUrl: string): Server {
  let server = servers.get(baseUrl);
  if (!server) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:')
      throw new Error(`ticket: only http:// servers are supported, not ${url.protocol}`);
    server = {
      host: url.hostname,
      port: Number(url.port || 80),
      head: `POST ${TICKET_PATH} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Length: 0\r\n`,
      idle: [],
    };
    servers.set(baseUrl, server);
  }
  return server;
}

class StaleSocketError extends Error {}

interface Pending {
  resolve(ticket: string): void;
  reject(error: Error): void;
}

/** One keep-alive connection, one request at a time; back to its server's idle list after each answer. */
class TicketConnection {
  private readonly socket: Socket;
  private received: Buffer | null = null;
  private pending: Pending | null = null;
  private answered = 0;
  private lastError?: string;
  private timeoutMs = 0;
  private timedOut = false;

  constructor(private readonly server: Server) {
    this.socket = connect({ host: server.host, port: server.port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('timeout', () => {
      this.timedOut = true;
      this.socket.destroy();
    });
    this.socket.on('error', (error) => (this.lastError = error.message));
    this.socket.on('close', () => this.onClose());
  }

  post(accessToken: string, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.timeoutMs = timeoutMs;
      this.socket.ref();
      this.socket.setTimeout(timeoutMs);
      this.socket.write(`${this.server.head}Authorization: Bearer ${accessToken}\r\n\r\n`);
    });
  }

  private onData(chunk: Buffer): void {
    const received = (this.received = this.received ? Buffer.concat([this.received, chunk]) : chunk);
    const headerEnd = received.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = received.toString('latin1', 0, headerEnd);
    const length = CONTENT_LENGTH.exec(head);
    if (!length) return this.fail(new Error('ticket: an answer without Content-Length'));
    const bodyStart = headerEnd + HEADER_END.length;
    const bodyEnd = bodyStart + Number(length[1]);
    if (received.length < bodyEnd) return;
    if (received.length > bodyEnd) return this.fail(new Error('ticket: more bytes than the answer'));
    this.received = null;
    this.answered++;
    const pending = this.pending;
    this.pending = null;
    this.socket.setTimeout(0);
    if (CONNECTION_CLOSE.test(head) || this.server.idle.length >= MAX_IDLE) this.socket.end();
    else {
      // Idle keep-alive sockets do not keep the process alive (as with http.Agent).
      this.socket.unref();
      this.server.idle.push(this);
    }
    const status = head.slice(9, 12);
    if (status !== '200') return pending?.reject(new Error(`ticket: HTTP ${status}`));
    const body = JSON.parse(received.toString('utf8', bodyStart, bodyEnd)) as Partial<TicketResponse>;
    if (typeof body.ticket !== 'string') return pending?.reject(new Error('ticket: no ticket in the answer'));
    pending?.resolve(body.ticket);
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    this.socket.destroy();
    pending?.reject(error);
  }

  private onClose(): void {
    const at = this.server.idle.indexOf(this);
    if (at >= 0) this.server.idle.splice(at, 1);
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (this.timedOut) return pending.reject(new Error(`ticket: no answer in ${this.timeoutMs} ms`));
    const stale = this.answered > 0 && this.received === null;
    pending.reject(
      stale
        ? new StaleSocketError('socket closed by the server')
        : new Error(`ticket: ${this.lastError ?? 'the connection closed before an answer'}`),
    );
  }
}
