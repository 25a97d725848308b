import { WebSocket, WebSocketServer } from 'ws';
import {
  CloseCode,
  decodeClientMessage,
  encodeMessage,
  type ClientMessage,
  type ServerMessageOf,
} from '@pulse/protocol';
import { PulseAuthError } from './auth-error';
import type { ConnectionState } from './connection-state';
import type { NetworkSignal, NetworkSignals } from './network/network-signals';
import {
  AUTH_FAILURE_CLOSE,
  PulseClient,
  type PulseClientError,
  type PulseClientOptions,
} from './pulse-client';

/** A tiny server speaking the wire protocol: single-use tickets checked at the upgrade, join -> snapshot, ping -> pong. */
class TinyPulseServer {
  readonly ticketsSeen: string[] = [];
  /** The client messages of each accepted connection, in order. */
  readonly received: ClientMessage[][] = [];
  readonly sockets: WebSocket[] = [];
  private readonly validTickets = new Set<string>();
  private issued = 0;
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (socket) => this.accept(socket));
  }

  static start(): Promise<TinyPulseServer> {
    return new Promise((resolve) => {
      let server: TinyPulseServer | undefined = undefined;
      const wss = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        path: '/ws',
        verifyClient: (info, done) => {
          const ticket = new URL(info.req.url ?? '', 'http://localhost').searchParams.get('ticket') ?? '';
          server?.ticketsSeen.push(ticket);
          const valid = server?.validTickets.delete(ticket) ?? false;
          if (valid) done(true);
          else done(false, 401, 'Unauthorized');
        },
      });
      server = new TinyPulseServer(wss);
      const ready = server;
      wss.on('listening', () => resolve(ready));
    });
  }

  get url(): string {
    const address = this.wss.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    return `ws://127.0.0.1:${address.port}/ws`;
  }

  issueTicket(): string {
    const ticket = `ticket-${++this.issued}`;
    this.validTickets.add(ticket);
    return ticket;
  }

  /** Resolves once the condition holds, re-checking after every connection and message. */
  until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private accept(socket: WebSocket): void {
    const log: ClientMessage[] = [];
    this.received.push(log);
    this.sockets.push(socket);
    socket.on('message', (data) => {
      const result = decodeClientMessage(String(data));
      if (!result.ok) return;
      log.push(result.message);
      if (result.message.type === 'join') {
        const snapshot: ServerMessageOf<'snapshot'> = {
          type: 'snapshot',
          room: result.message.room,
          self: 'alice',
          players: [{ id: 'alice', name: 'alice', x: 1, y: 2, online: true }],
          seq: ++this.seq,
          epoch: 'e1',
        };
        socket.send(encodeMessage(snapshot));
      }
      if (result.message.type === 'ping') socket.send(encodeMessage({ type: 'pong', t: result.message.t }));
      if (result.message.type === 'reauth' && result.message.id !== undefined) {
        const id = result.message.id;
        const valid = this.validTickets.delete(result.message.ticket);
        socket.send(
          encodeMessage(
            valid ? { type: 'ack', id } : { type: 'error', code: 'FORBIDDEN', message: 'ticket refused', id },
          ),
        );
      }
      if (result.message.type === 'chat' && result.message.id !== undefined) {
        const id = result.message.id;
        const refused = result.message.text === 'refuse me';
        socket.send(
          encodeMessage(
            refused ? { type: 'error', code: 'FORBIDDEN', message: 'not allowed', id } : { type: 'ack', id },
          ),
        );
      }
      this.notify();
    });
    this.notify();
  }
}

/** Network signals the test raises by hand, as a browser would on `online`/`offline`/`visibilitychange`. */
class HandRaisedSignals implements NetworkSignals {
  private readonly listeners = new Set<(signal: NetworkSignal) => void>();

  get subscribers(): number {
    return this.listeners.size;
  }

  subscribe(listener: (signal: NetworkSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  raise(signal: NetworkSignal): void {
    for (const listener of this.listeners) listener(signal);
  }
}

function nextError(client: PulseClient): Promise<PulseClientError> {
  return new Promise((resolve) => {
    const off = client.onError((error) => {
      off();
      resolve(error);
    });
  });
}

function waitForState(
  client: PulseClient,
  wanted: (state: ConnectionState) => boolean,
): Promise<ConnectionState> {
  if (wanted(client.state)) return Promise.resolve(client.state);
  return new Promise((resolve) => {
    const off = client.onState((state) => {
      if (!wanted(state)) return;
      off();
      resolve(state);
    });
  });
}

function nextSnapshot(client: PulseClient): Promise<ServerMessageOf<'snapshot'>> {
  return new Promise((resolve) => {
    const off = client.on('snapshot', (snapshot) => {
      off();
      resolve(snapshot);
    });
  });
}

describe('PulseClient against a real WebSocket server', () => {
  let server: TinyPulseServer;
  let client: PulseClient | undefined;

  beforeEach(async () => {
    server = await TinyPulseServer.start();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await server.close();
  });

  function createClient(
    getTicket: () => Promise<string>,
    options: Partial<PulseClientOptions> = {},
  ): PulseClient {
    client = new PulseClient({
      url: server.url,
      getTicket,
      WebSocketImpl: WebSocket,
      backoff: { initialDelayMs: 5, maxDelayMs: 20 },
      ...options,
    });
    return client;
  }

  it('joins, gets a snapshot, and after a 1011 close reconnects with a fresh ticket and re-joins where it was', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    const states: string[] = [];
    pulse.onState((state) => states.push(state.status));

    const firstSnapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    expect(await firstSnapshot).toMatchObject({ room: 'lobby', self: 'alice' });

    const secondSnapshot = nextSnapshot(pulse);
    server.sockets[0].send(encodeMessage({ type: 'move', room: 'lobby', player: 'bob', x: 3, y: 3, seq: 7 }));
    server.sockets[0].send(encodeMessage({ type: 'typing', room: 'lobby', player: 'bob', active: true }));
    server.sockets[0].close(CloseCode.INTERNAL_ERROR, 'boom');
    expect(await secondSnapshot).toMatchObject({ room: 'lobby' });

    expect(getTicket).toHaveBeenCalledTimes(2);
    expect(server.ticketsSeen).toEqual(['ticket-1', 'ticket-2']);
    expect(server.received[1][0]).toEqual({ type: 'join', room: 'lobby', since: { seq: 7, epoch: 'e1' } });
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open']);
    expect(pulse.joinedRooms).toEqual(['lobby']);
  });

  it('flushes what was sent before the socket opened, in order, after re-joining, with moves conflated', async () => {
    const pulse = createClient(async () => server.issueTicket());
    pulse.join('lobby');
    // @ts-expect-error a move needs y (and this one is conflated away by the next)
    pulse.send('move', { room: 'lobby', x: 0 });
    // @ts-expect-error 'join' is not a message the server sends
    pulse.on('join', () => undefined);
    pulse.send('move', { room: 'lobby', x: 1, y: 1 });
    pulse.send('ping', { t: 7, id: 'p1' });
    pulse.send('move', { room: 'lobby', x: 2, y: 1 });
    pulse.connect();
    const sentByApp = () => (server.received[0] ?? []).filter((m) => m.type !== 'ping' || m.id !== undefined);
    await server.until(() => sentByApp().length >= 3);
    expect(sentByApp()).toEqual([
      { type: 'join', room: 'lobby' },
      { type: 'ping', t: 7, id: 'p1' },
      { type: 'move', room: 'lobby', x: 2, y: 1 },
    ]);
  });

  it('asks for batching on every open when batchHz is set, and hands out the messages of a batch one by one, in order', async () => {
    const pulse = createClient(async () => server.issueTicket(), { batchHz: 30 });
    const moves: number[] = [];
    pulse.on('move', (move) => moves.push(move.seq));
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await snapshot;
    expect(server.received[0][0]).toEqual({ type: 'batching', hz: 30 });

    const move = (seq: number): ServerMessageOf<'move'> => ({
      type: 'move',
      room: 'lobby',
      player: 'bob',
      x: seq,
      y: 0,
      seq,
    });
    server.sockets[0].send(
      encodeMessage({ type: 'batch', messages: [move(2), move(3), { type: 'pong', t: 1 }, move(4)] }),
    );
    await new Promise<void>((resolve) => {
      const off = pulse.on('move', (m) => {
        if (m.seq !== 4) return;
        off();
        resolve();
      });
    });
    expect(moves).toEqual([2, 3, 4]);

    server.sockets[0].close(CloseCode.INTERNAL_ERROR, 'again');
    await server.until(() => server.received.length === 2 && server.received[1].length > 0);
    expect(server.received[1][0]).toEqual({ type: 'batching', hz: 30 });
  });

  it('waits as long as a draining server asks (close 1012 with retry-after-ms) before it reconnects', async () => {
    const pulse = createClient(async () => server.issueTicket(), {
      backoff: { initialDelayMs: 5, maxDelayMs: 5000 },
    });
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await snapshot;
    const closedAt = performance.now();
    server.sockets[0].close(CloseCode.SERVICE_RESTART, 'retry-after-ms=300');
    await server.until(() => server.received.length === 2);
    expect(performance.now() - closedAt).toBeGreaterThanOrEqual(280);
  });

  it('reconnects with the resume ticket the server sent, without asking getTicket', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await snapshot;
    const resume = server.issueTicket();
    server.sockets[0].send(
      encodeMessage({ type: 'resume-ticket', ticket: server.issueTicket(), expiresIn: 60 }),
    );
    server.sockets[0].send(encodeMessage({ type: 'resume-ticket', ticket: resume, expiresIn: 60 }));
    await new Promise<void>((resolve) => {
      const off = pulse.on('resume-ticket', (message) => {
        if (message.ticket !== resume) return;
        off();
        resolve();
      });
    });
    const again = nextSnapshot(pulse);
    server.sockets[0].close(CloseCode.SERVICE_RESTART, 'retry-after-ms=0');
    await again;
    expect(server.ticketsSeen).toEqual(['ticket-1', resume]);
    expect(getTicket).toHaveBeenCalledTimes(1);
  });

  it('falls back to getTicket at once when the upgrade refuses the resume ticket, and uses a resume ticket once', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket, { backoff: { initialDelayMs: 5_000, maxDelayMs: 5_000 } });
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await snapshot;
    const kept = new Promise<void>((resolve) => {
      const off = pulse.on('resume-ticket', () => (off(), resolve()));
    });
    server.sockets[0].send(
      encodeMessage({ type: 'resume-ticket', ticket: 'used-or-revoked', expiresIn: 60 }),
    );
    await kept;
    server.sockets[0].close(CloseCode.SERVICE_RESTART, 'retry-after-ms=0');
    await server.until(() => server.received.length === 2);
    expect(server.ticketsSeen).toEqual(['ticket-1', 'used-or-revoked', 'ticket-2']);
    expect(getTicket).toHaveBeenCalledTimes(2);
  });

  it('keeps the resume ticket through an attempt made while the network is known to be offline', async () => {
    let offline = false;
    const signals = { subscribe: () => () => undefined, isOffline: () => offline };
    const getTicket = jest.fn(async () =>
      offline ? Promise.reject(new Error('offline')) : server.issueTicket(),
    );
    const pulse = createClient(getTicket, { networkSignals: signals });
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await snapshot;
    const resume = server.issueTicket();
    const kept = new Promise<void>((resolve) => {
      const off = pulse.on('resume-ticket', () => (off(), resolve()));
    });
    server.sockets[0].send(encodeMessage({ type: 'resume-ticket', ticket: resume, expiresIn: 60 }));
    await kept;
    offline = true;
    server.sockets[0].close(CloseCode.SERVICE_RESTART, 'retry-after-ms=0');
    await new Promise<void>((resolve) => {
      const off = pulse.onError((error) => {
        if (error.kind !== 'ticket') return;
        off();
        resolve();
      });
    });
    offline = false;
    await server.until(() => server.received.length === 2);
    expect(server.ticketsSeen).toEqual(['ticket-1', resume]);
  });

  it('ignores resume tickets when resumeTickets is false', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket, { resumeTickets: false });
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await snapshot;
    const kept = new Promise<void>((resolve) => {
      const off = pulse.on('resume-ticket', () => (off(), resolve()));
    });
    server.sockets[0].send(
      encodeMessage({ type: 'resume-ticket', ticket: server.issueTicket(), expiresIn: 60 }),
    );
    await kept;
    server.sockets[0].close(CloseCode.SERVICE_RESTART, 'retry-after-ms=0');
    await server.until(() => server.received.length === 2);
    expect(server.ticketsSeen).toEqual(['ticket-1', 'ticket-3']);
    expect(getTicket).toHaveBeenCalledTimes(2);
  });

  it('retries with a new ticket when the server refuses one at the upgrade', async () => {
    const getTicket = jest.fn<Promise<string>, []>();
    getTicket.mockResolvedValueOnce('forged').mockImplementation(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    expect(server.ticketsSeen).toEqual(['forged', 'ticket-1']);
    expect(getTicket).toHaveBeenCalledTimes(2);
  });

  it('stays closed after a terminal close code', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    server.sockets[0].close(CloseCode.POLICY_VIOLATION, 'policy');
    const closed = await waitForState(pulse, (state) => state.status !== 'open');
    expect(closed).toEqual({ status: 'closed', code: CloseCode.POLICY_VIOLATION, reason: 'policy' });
    expect(getTicket).toHaveBeenCalledTimes(1);
  });

  it('goes closed without retrying when the ticket request is refused as an auth failure', async () => {
    const errors: PulseClientError[] = [];
    const pulse = createClient(() => Promise.reject(new PulseAuthError(401, 'credentials refused')));
    pulse.onError((error) => errors.push(error));
    pulse.connect();
    const closed = await waitForState(pulse, (state) => state.status === 'closed');
    expect(closed).toEqual({ status: 'closed', ...AUTH_FAILURE_CLOSE });
    expect(errors).toEqual([{ kind: 'ticket', error: expect.any(PulseAuthError) }]);
  });

  it('reports an invalid frame to onError without throwing, and keeps going', async () => {
    const pulse = createClient(async () => server.issueTicket());
    const errors: PulseClientError[] = [];
    pulse.onError((error) => errors.push(error));
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    await server.until(() => server.sockets.length === 1);
    const pong = new Promise<number>((resolve) => pulse.on('pong', (m) => resolve(m.t)));
    server.sockets[0].send('{"type":"move","room":"lobby"}');
    server.sockets[0].send(encodeMessage({ type: 'pong', t: 42 }));
    expect(await pong).toBe(42);
    expect(errors).toEqual([
      { kind: 'invalid-frame', error: expect.objectContaining({ code: 'INVALID_MESSAGE' }) },
    ]);
    expect(pulse.state.status).toBe('open');
  });

  it('measures the round-trip time as the link opens', async () => {
    const pulse = createClient(async () => server.issueTicket());
    const pong = new Promise<void>((resolve) => pulse.on('pong', () => resolve()));
    pulse.connect();
    await pong;
    expect(pulse.rtt).toBeGreaterThanOrEqual(0);
  });

  it('does not reconnect after close()', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    const serverSawClose = new Promise<number>((resolve) =>
      server.sockets[0].on('close', (code) => resolve(code)),
    );
    pulse.close();
    expect(await serverSawClose).toBe(CloseCode.NORMAL);
    expect(pulse.state).toEqual({ status: 'closed', code: CloseCode.NORMAL, reason: 'closed by client' });
    expect(getTicket).toHaveBeenCalledTimes(1);
  });

  it('resolves a request with its ack and rejects a refused one with the server code', async () => {
    const pulse = createClient(async () => server.issueTicket());
    pulse.join('lobby');
    const sentEarly = pulse.request('chat', { room: 'lobby', text: 'queued before open' });
    pulse.connect();
    await expect(sentEarly).resolves.toEqual({ type: 'ack', id: expect.any(String) });
    await expect(pulse.request('chat', { room: 'lobby', text: 'hi', id: 'mine' })).resolves.toEqual({
      type: 'ack',
      id: 'mine',
    });
    await expect(pulse.request('chat', { room: 'lobby', text: 'refuse me' })).rejects.toMatchObject({
      name: 'PulseRequestError',
      code: 'FORBIDDEN',
    });
    const chats = server.received[0].filter((m) => m.type === 'chat');
    expect(new Set(chats.map((m) => m.id)).size).toBe(3);
  });

  it('fails waiting requests on close()', async () => {
    const pulse = createClient(async () => server.issueTicket());
    const waiting = pulse.request('chat', { room: 'lobby', text: 'never sent' });
    pulse.close();
    await expect(waiting).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('sends typing only while open, at most once per refresh interval, and its stop once', async () => {
    const pulse = createClient(async () => server.issueTicket());
    pulse.typing('lobby', true);
    pulse.join('lobby');
    const opened = nextSnapshot(pulse);
    pulse.connect();
    await opened;
    for (let i = 0; i < 5; i++) pulse.typing('lobby', true);
    pulse.typing('lobby', false);
    pulse.typing('lobby', false);
    pulse.send('ping', { t: 1, id: 'last' });
    await server.until(() => server.received[0].some((m) => m.type === 'ping' && m.id === 'last'));
    expect(server.received[0].filter((m) => m.type === 'typing')).toEqual([
      { type: 'typing', room: 'lobby', active: true },
      { type: 'typing', room: 'lobby', active: false },
    ]);
  });
  it('answers reauth-required with a fresh ticket on the same socket, and stays open', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    const errors: PulseClientError[] = [];
    pulse.onError((error) => errors.push(error));
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    await server.until(() => server.sockets.length === 1);
    server.sockets[0].send(encodeMessage({ type: 'reauth-required', deadlineMs: 30_000 }));
    await server.until(() => server.received[0].some((m) => m.type === 'reauth'));
    expect(server.received[0].filter((m) => m.type === 'reauth')).toEqual([
      { type: 'reauth', ticket: 'ticket-2', id: expect.any(String) },
    ]);
    pulse.send('ping', { t: 9, id: 'after' });
    await server.until(() => server.received[0].some((m) => m.type === 'ping' && m.id === 'after'));
    expect(getTicket).toHaveBeenCalledTimes(2);
    expect(server.sockets).toHaveLength(1);
    expect(pulse.state.status).toBe('open');
    expect(errors).toEqual([]);
  });

  it('reports a reauth the server refused, or a ticket it could not get, as a reauth error', async () => {
    const getTicket = jest.fn<Promise<string>, []>(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    await server.until(() => server.sockets.length === 1);

    getTicket.mockResolvedValueOnce('stale');
    const refused = nextError(pulse);
    server.sockets[0].send(encodeMessage({ type: 'reauth-required', deadlineMs: 30_000 }));
    await expect(refused).resolves.toEqual({
      kind: 'reauth',
      error: expect.objectContaining({ name: 'PulseRequestError', code: 'FORBIDDEN' }),
    });

    getTicket.mockRejectedValueOnce(new PulseAuthError(401, 'credentials refused'));
    const unfetched = nextError(pulse);
    server.sockets[0].send(encodeMessage({ type: 'reauth-required', deadlineMs: 30_000 }));
    await expect(unfetched).resolves.toEqual({ kind: 'reauth', error: expect.any(PulseAuthError) });
    expect(pulse.state.status).toBe('open');
  });

  it('drops the link when the network goes offline and retries at once when it is back, not after the backoff', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.999);
    const signals = new HandRaisedSignals();
    const pulse = createClient(async () => server.issueTicket(), {
      networkSignals: signals,
      backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    try {
      pulse.join('lobby');
      const joined = nextSnapshot(pulse);
      pulse.connect();
      await joined;
      const serverSawClose = new Promise<number>((resolve) =>
        server.sockets[0].on('close', (code) => resolve(code)),
      );

      signals.raise('offline');
      expect(pulse.state).toEqual({ status: 'reconnecting', attempt: 1, delayMs: 59_940 });
      expect(await serverSawClose).toBe(CloseCode.HEARTBEAT_TIMEOUT);

      signals.raise('online');
      await waitForState(pulse, (state) => state.status === 'open');
      await server.until(() => server.received[1]?.some((m) => m.type === 'join') ?? false);
      expect(server.received[1][0]).toEqual({ type: 'join', room: 'lobby', since: { seq: 1, epoch: 'e1' } });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('probes an open link with a ping when the page becomes visible, and stops listening once closed', async () => {
    const signals = new HandRaisedSignals();
    const pulse = createClient(async () => server.issueTicket(), { networkSignals: signals });
    pulse.connect();
    expect(signals.subscribers).toBe(1);
    await waitForState(pulse, (state) => state.status === 'open');
    await server.until(() => server.received[0]?.some((m) => m.type === 'ping') ?? false);
    const pings = () => server.received[0].filter((m) => m.type === 'ping').length;
    expect(pings()).toBe(1);
    signals.raise('visible');
    await server.until(() => pings() === 2);
    pulse.close();
    expect(signals.subscribers).toBe(0);
  });
});
