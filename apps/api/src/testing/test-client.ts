import {
  decodeServerMessage,
  type ClientMessage,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
} from '@pulse/protocol';
import { WebSocket, type ClientOptions } from 'ws';

const WAIT_MS = 5000;

interface Waiter {
  matches: (message: ServerMessage) => boolean;
  resolve: (message: ServerMessage) => void;
}

/**
 * A protocol client for tests: a real `ws` socket that queues every server message, so a test can wait for the
 * next one of a kind, or prove that none arrived by a round trip (`settle`) rather than by sleeping.
 */
export class TestClient {
  readonly received: ServerMessage[] = [];
  /** How many `batch` frames arrived; their messages are in `received` one by one, as the SDK hands them out. */
  batchFrames = 0;
  /**
   * The `resume-ticket`s the server sent, kept apart from `received` (they follow snapshots at a moment of the
   * ticket store's choosing, so they would make every exact sequence of messages racy): `nextResumeTicket` waits.
   */
  readonly resumeTickets: ServerMessageOf<'resume-ticket'>[] = [];
  private resumeTicketWaiter: (() => void) | undefined;
  private readonly pending: ServerMessage[] = [];
  private readonly waiters: Waiter[] = [];
  private pingCounter = 0;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('server sent a binary frame');
      const decoded = decodeServerMessage(data.toString());
      if (!decoded.ok) throw new Error(`server sent an invalid frame: ${decoded.error.message}`);
      if (decoded.message.type !== 'batch') return this.take(decoded.message);
      this.batchFrames++;
      for (const message of decoded.message.messages) this.take(message);
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(url: string, options?: ClientOptions): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade answered ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  private take(message: ServerMessage): void {
    if (message.type === 'resume-ticket') {
      this.resumeTickets.push(message);
      return this.resumeTicketWaiter?.();
    }
    this.received.push(message);
    const waiter = this.waiters.find((w) => w.matches(message));
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else this.pending.push(message);
  }

  /** Sends a protocol message, or (second signature) any object, for tests of what the server does with bad input. */
  send(message: ClientMessage): void;
  send(message: Record<string, unknown>): void;
  send(message: ClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.socket.send(data, { binary });
  }

  /** The next message of `type` (and matching `where`), taking already-queued ones first. */
  next<T extends ServerMessageType>(
    type: T,
    where: (m: ServerMessageOf<T>) => boolean = () => true,
  ): Promise<ServerMessageOf<T>> {
    const matches = (m: ServerMessage): boolean => m.type === type && where(m as ServerMessageOf<T>);
    const index = this.pending.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.pending.splice(index, 1)[0] as ServerMessageOf<T>);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as ServerMessageOf<T>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no "${type}" within ${WAIT_MS} ms; pending: ${JSON.stringify(this.pending)}`));
      }, WAIT_MS);
      this.waiters.push(waiter);
    });
  }

  /** The latest `resume-ticket` once at least `count` have arrived. */
  async nextResumeTicket(count = 1): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    while (this.resumeTickets.length < count) {
      if (Date.now() > deadline) throw new Error(`no resume-ticket #${count} within ${WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WAIT_MS);
        this.resumeTicketWaiter = () => (clearTimeout(timer), resolve());
      });
    }
    return this.resumeTickets[this.resumeTickets.length - 1].ticket;
  }

  /**
   * Makes a ping round trip. The server answers in order, so once the pong is here every message the server
   * sent this client before it is here too. Returns the messages that were pending, and clears them.
   */
  async settle(): Promise<ServerMessage[]> {
    const t = ++this.pingCounter;
    this.send({ type: 'ping', t });
    await this.next('pong', (m) => m.t === t);
    return this.pending.splice(0);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close(1000);
    return this.closed;
  }
}

/** Resolves with the HTTP status an upgrade attempt got instead of a 101 (or 101 if it opened). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}
