import {
  decodeServerMessage,
  PulsePaths,
  type ClientMessageOf,
  type LoginResponse,
  type ServerMessage,
  type ServerMessageOf,
  type TicketResponse,
} from '@pulse/protocol';
import { WebSocket } from 'ws';

/**
 * What a restart test needs beyond `cluster-processes.ts` and `test-client.ts`: a client that behaves like a real
 * one across restarts: it reconnects on its own, resumes its room from the last `seq` it applied, and resends every
 * acknowledged send that has not been acknowledged yet, with the same `id`. (Nodes on a chosen port:
 * `startNode(env, { port })`.)
 */

/** A refused HTTP request or upgrade (502/503 while nginx or a node restarts): the client retries it. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`${what} answered ${status}`);
  }
}

/** A dev user's access token, through `baseUrl` (nginx or a node). */
export async function devLogin(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}${PulsePaths.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'pulse' }),
  });
  if (response.status !== 200) throw new HttpStatusError(response.status, `login of ${username}`);
  return ((await response.json()) as LoginResponse).accessToken;
}

/** Fresh single-use tickets for the holder of `accessToken`, each minted through `baseUrl`. */
export function ticketsThrough(baseUrl: string, accessToken: string): () => Promise<string> {
  return async () => {
    const response = await fetch(`${baseUrl}${PulsePaths.ticket}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new HttpStatusError(response.status, 'ticket');
    }
    return ((await response.json()) as TicketResponse).ticket;
  };
}

export interface ResumingClientOptions {
  /** For messages only. */
  readonly name: string;
  /** `ws://host:port` of nginx (or a node). */
  readonly wsBaseUrl: string;
  readonly room: string;
  /** A fresh ticket for each connection attempt. */
  readonly ticket: () => Promise<string>;
  /** Source address of the socket: with nginx's ip_hash, it picks the node. */
  readonly localAddress?: string;
  /** How long one reconnection keeps retrying before the client gives up (and records why). */
  readonly reconnectDeadlineMs: number;
  /** Longest pause between two attempts. @default 400 */
  readonly maxBackoffMs?: number;
  /** The longest `retry-after-ms` hint of a close that is honoured. @default 1000 */
  readonly maxRetryHintMs?: number;
}

/** A sequenced room event as the client got it, and on which of its connections. */
export interface ReceivedEvent {
  readonly seq: number;
  readonly message: ServerMessage;
  readonly connection: number;
}

/** One attempt to (re)connect: its outcome is `open`, the HTTP status it got, or the error. */
export interface ConnectAttempt {
  readonly at: number;
  readonly outcome: 'open' | number | string;
}

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

type Sequenced = ServerMessage & { seq: number };

/**
 * A room member that survives restarts the way the docs tell a client to (docs/delivery.md): on any close it
 * reconnects with a fresh ticket (retrying with a short, bounded backoff while the proxy or the nodes answer
 * 502/503, after the close's `retry-after-ms` hint), rejoins with `since` = the last seq/epoch it applied, and
 * resends, in order and with the same ids, the acknowledged sends that have no `ack` yet. It records everything
 * (events, snapshots, resumes, acks, closes, attempts) for the test to check, and asserts nothing itself.
 */
export class ResumingClient {
  /** Every sequenced event received (replayed or live), in arrival order. */
  readonly events: ReceivedEvent[] = [];
  /** The first snapshot, then any later one (a `resync`, or a rejoin the server could not resume). */
  readonly snapshots: ServerMessageOf<'snapshot'>[] = [];
  readonly resumes: ServerMessageOf<'resumed'>[] = [];
  readonly errors: ServerMessageOf<'error'>[] = [];
  readonly closes: Array<{ code: number; reason: string; at: number }> = [];
  readonly attempts: ConnectAttempt[] = [];
  /** Every ack received, by id (more than one seq for an id would be a second application). */
  readonly acks = new Map<string, Array<number | undefined>>();
  /** Ids sent with `sendAcked`, in order. */
  readonly sentIds: string[] = [];
  /** How many times a message went out again, on a later connection, because its ack had not come. */
  resent = 0;
  /** Snapshots, `resumed` and sequenced events, in arrival order, each with the connection it came on. */
  readonly timeline: Array<{ readonly connection: number; readonly message: ServerMessage }> = [];
  /** Set when a reconnection ran out of time: the client stopped trying. */
  failure?: Error;

  private socket?: WebSocket;
  private connectionCount = 0;
  private joined = false;
  private stopped = false;
  private epoch?: string;
  /** Every seq up to here is applied: received, or the seq of an own acknowledged send (which is not echoed). */
  private appliedSeq = 0;
  /** Seqs above `appliedSeq` that are applied, waiting for the ones below them. */
  private readonly appliedAbove = new Set<number>();
  private readonly unacked = new Map<string, ClientMessageOf<'move'>>();
  /** Ids of unacked messages already written to some socket. */
  private readonly written = new Set<string>();
  private readonly waiters: Waiter[] = [];
  private pingCounter = 0;
  private readonly pongs = new Set<number>();

  private constructor(private readonly options: ResumingClientOptions) {}

  /** Connects (retrying like a reconnection) and resolves once the room's first snapshot is here. */
  static async join(options: ResumingClientOptions): Promise<ResumingClient> {
    const client = new ResumingClient(options);
    await client.connect();
    if (client.failure) throw client.failure;
    await client.waitUntil(
      () => client.snapshots.length > 0,
      options.reconnectDeadlineMs,
      'the first snapshot',
    );
    return client;
  }

  /** The highest seq below which this client has applied everything: what it resumes from. */
  get lastAppliedSeq(): number {
    return this.appliedSeq;
  }

  get unackedCount(): number {
    return this.unacked.size;
  }

  /** Whether the socket is open and the room joined (snapshot or `resumed` received). */
  get live(): boolean {
    return this.joined;
  }

  /** Sends a move that carries an `id` now if the client is live, and again after every reconnect until acked. */
  sendAcked(move: ClientMessageOf<'move'> & { id: string }): void {
    this.sentIds.push(move.id);
    this.unacked.set(move.id, move);
    if (this.joined) this.write(move);
  }

  /** Resolves once every `sendAcked` message has its ack. */
  allAcked(timeoutMs: number): Promise<void> {
    return this.waitUntil(
      () => this.unacked.size === 0,
      timeoutMs,
      `acks for ${this.unacked.size} message(s)`,
    );
  }

  /** Resolves once everything up to `seq` is applied. */
  appliedUpTo(seq: number, timeoutMs: number): Promise<void> {
    return this.waitUntil(() => this.appliedSeq >= seq, timeoutMs, `seq ${seq} (at ${this.appliedSeq})`);
  }

  /** A ping round trip on the live connection: whatever the server sent before the pong has arrived. */
  async settle(timeoutMs: number): Promise<void> {
    await this.waitUntil(() => this.joined, timeoutMs, 'a live connection');
    const t = ++this.pingCounter;
    this.socket?.send(JSON.stringify({ type: 'ping', t }));
    await this.waitUntil(() => this.pongs.has(t), timeoutMs, `pong ${t}`);
  }

  /** Drops the connection at once, as a lost network would; the client reconnects and resumes on its own. */
  drop(): void {
    this.socket?.terminate();
  }

  /** Stops reconnecting and closes the socket (1000). */
  async stop(): Promise<void> {
    this.stopped = true;
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.close(1000);
    });
  }

  /** A one-line account of the client's state, for failure messages. */
  describe(): string {
    const outcomes = new Map<string, number>();
    for (const { outcome } of this.attempts)
      outcomes.set(String(outcome), (outcomes.get(String(outcome)) ?? 0) + 1);
    const firstUnacked = this.unacked.keys().next().value;
    return JSON.stringify({
      live: this.joined,
      connections: this.connectionCount,
      attempts: Object.fromEntries(outcomes),
      closes: this.closes.map(({ code, reason }) => `${code} ${reason}`),
      resumedAt: this.resumes.map((resumed) => resumed.seq),
      snapshots: this.snapshots.map((snapshot) => `${snapshot.seq}${snapshot.resync ? ' resync' : ''}`),
      appliedSeq: this.appliedSeq,
      events: this.events.length,
      acked: this.acks.size,
      unacked: this.unacked.size,
      firstUnacked,
      resent: this.resent,
      errors: this.errors.slice(-3),
    });
  }

  private waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.options.name}: no ${what} within ${timeoutMs} ms; ${this.describe()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (this.failure) waiter.reject(this.failure);
      else if (waiter.done()) waiter.resolve();
      else continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
    }
  }

  /** Tries until a socket is open and the join is sent, or the deadline passes (then records `failure`). */
  private async connect(): Promise<void> {
    const deadline = Date.now() + this.options.reconnectDeadlineMs;
    const maxBackoffMs = this.options.maxBackoffMs ?? 400;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const socket = await this.open(await this.options.ticket());
        this.attempts.push({ at: Date.now(), outcome: 'open' });
        if (this.stopped) {
          socket.close(1000);
          return;
        }
        this.adopt(socket);
        return;
      } catch (error) {
        const outcome = error instanceof HttpStatusError ? error.status : String(error);
        this.attempts.push({ at: Date.now(), outcome });
        if (Date.now() >= deadline) {
          const tail = this.attempts.slice(-5).map((a) => a.outcome);
          this.failure = new Error(
            `${this.options.name}: could not reconnect within the deadline; last: ${tail}`,
          );
          this.notify();
          return;
        }
        const backoff = Math.min(maxBackoffMs, 25 * 2 ** attempt) + Math.random() * 25;
        await delay(Math.min(backoff, Math.max(0, deadline - Date.now())));
      }
    }
  }

  private open(ticket: string): Promise<WebSocket> {
    const url = `${this.options.wsBaseUrl}${PulsePaths.websocket}?ticket=${encodeURIComponent(ticket)}`;
    const socket = new WebSocket(
      url,
      this.options.localAddress ? { localAddress: this.options.localAddress } : {},
    );
    return new Promise<WebSocket>((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('unexpected-response', (_request, response) => {
        response.resume();
        socket.terminate();
        reject(new HttpStatusError(response.statusCode ?? 0, 'upgrade'));
      });
      socket.on('error', (error) => reject(error));
    });
  }

  private adopt(socket: WebSocket): void {
    this.socket = socket;
    const connection = ++this.connectionCount;
    socket.on('message', (data, isBinary) => this.receive(isBinary ? '' : data.toString(), connection));
    socket.once('close', (code, reason) => void this.onClose(code, reason.toString()));
    const { room } = this.options;
    const since = this.epoch === undefined ? undefined : { seq: this.appliedSeq, epoch: this.epoch };
    socket.send(JSON.stringify(since ? { type: 'join', room, since } : { type: 'join', room }));
  }

  private receive(text: string, connection: number): void {
    const decoded = decodeServerMessage(text);
    if (!decoded.ok) {
      this.errors.push({
        type: 'error',
        code: 'INVALID_MESSAGE',
        message: `invalid frame from the server: ${text}`,
      });
      return;
    }
    const message = decoded.message;
    if (
      message.type === 'snapshot' ||
      message.type === 'resumed' ||
      typeof (message as Partial<Sequenced>).seq === 'number'
    ) {
      if (message.type !== 'ack') this.timeline.push({ connection, message });
    }
    switch (message.type) {
      case 'snapshot':
        this.snapshots.push(message);
        this.epoch = message.epoch;
        this.appliedSeq = message.seq;
        this.appliedAbove.clear();
        this.goLive();
        break;
      case 'resumed':
        this.resumes.push(message);
        this.goLive();
        break;
      case 'ack': {
        const seqs = this.acks.get(message.id) ?? [];
        seqs.push(message.seq);
        this.acks.set(message.id, seqs);
        this.unacked.delete(message.id);
        this.written.delete(message.id);
        if (message.seq !== undefined) this.applied(message.seq);
        break;
      }
      case 'error':
        this.errors.push(message);
        break;
      case 'pong':
        this.pongs.add(message.t);
        break;
      default:
        if (typeof (message as Partial<Sequenced>).seq === 'number') {
          const seq = (message as Sequenced).seq;
          this.events.push({ seq, message, connection });
          this.applied(seq);
        }
    }
    this.notify();
  }

  private applied(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.appliedAbove.add(seq);
    while (this.appliedAbove.delete(this.appliedSeq + 1)) this.appliedSeq++;
  }

  /** The room is joined on this connection: send what still waits for an ack, oldest first. */
  private goLive(): void {
    this.joined = true;
    for (const move of this.unacked.values()) this.write(move);
  }

  private write(move: ClientMessageOf<'move'> & { id?: string }): void {
    if (!this.socket || move.id === undefined) return;
    if (this.written.has(move.id)) this.resent++;
    this.written.add(move.id);
    this.socket.send(JSON.stringify(move));
  }

  private async onClose(code: number, reason: string): Promise<void> {
    this.closes.push({ code, reason, at: Date.now() });
    this.socket = undefined;
    this.joined = false;
    this.notify();
    if (this.stopped) return;
    const hint = /^retry-after-ms=(\d+)$/.exec(reason);
    if (hint) await delay(Math.min(Number(hint[1]), this.options.maxRetryHintMs ?? 1000));
    await this.connect();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
