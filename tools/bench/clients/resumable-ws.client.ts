import type { ClientMessageOf, ServerMessageOf } from '@pulse/protocol';
import { WebSocket, type RawData } from 'ws';
import { withTimeout } from './with-timeout';

type Inbound =
  | ServerMessageOf<'snapshot'>
  | ServerMessageOf<'resumed'>
  | ServerMessageOf<'resume-ticket'>
  | { type: 'other' };

/** Why an upgrade did not open: its HTTP status when the server answered one. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused: HTTP ${status}`);
  }
}

/**
 * A Pulse client over `ws` that remembers what a reconnect needs: the room's resume point and the latest
 * `resume-ticket`. For the reconnect storm, where every client of a drained node comes back with its ticket.
 */
export class ResumableWsClient {
  resumeTicket: string | undefined;
  private since: { seq: number; epoch: string } | undefined;
  private waiting: ((message: Inbound) => void) | undefined;
  private ticketWaiter: (() => void) | undefined;
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => this.onFrame(JSON.parse(data.toString()) as Inbound));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  static open(url: string, protocol: string, timeoutMs: number): Promise<ResumableWsClient> {
    const socket = new WebSocket(url, protocol, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new ResumableWsClient(socket)));
      socket.once('error', (error) => reject(error));
      socket.once('unexpected-response', (_request, response) => {
        socket.terminate();
        reject(new UpgradeRefused(response.statusCode ?? 0));
      });
    });
  }

  /** Joins `room` (resuming from the last point seen, if any) and resolves on its `snapshot` or `resumed`. */
  join(room: string, timeoutMs: number, since?: { seq: number; epoch: string }): Promise<Inbound['type']> {
    const answered = new Promise<Inbound['type']>((resolve) => {
      this.waiting = (message) => resolve(message.type);
    });
    const join: ClientMessageOf<'join'> = since ? { type: 'join', room, since } : { type: 'join', room };
    this.socket.send(JSON.stringify(join));
    return withTimeout(answered, timeoutMs, `join ${room}`);
  }

  /** The resume point of the room it joined last. */
  get resumePoint(): { seq: number; epoch: string } | undefined {
    return this.since;
  }

  /** Resolves once a resume ticket has arrived. */
  ticketArrived(timeoutMs: number): Promise<void> {
    if (this.resumeTicket) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => (this.ticketWaiter = resolve)),
      timeoutMs,
      'resume-ticket',
    );
  }

  terminate(): void {
    this.socket.terminate();
  }

  private onFrame(message: Inbound): void {
    if (message.type === 'resume-ticket') {
      this.resumeTicket = message.ticket;
      this.ticketWaiter?.();
      return;
    }
    if (message.type === 'snapshot' && message.epoch) this.since = { seq: message.seq, epoch: message.epoch };
    if (message.type === 'resumed' && this.since) this.since = { ...this.since, seq: message.seq };
    if (message.type === 'snapshot' || message.type === 'resumed') {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(message);
    }
  }
}
