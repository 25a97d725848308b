import {
  CloseCode,
  decodeClientMessage,
  encodeMessage,
  TERMINAL_CLOSE_CODES,
  type ClientMessage,
  type DecodeResult,
  type ServerMessage,
  type ServerMessageOf,
} from '@pulse/protocol';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server as IoServer, type Socket as IoServerSocket } from 'socket.io';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConnectionState } from '../connection-state';
import { PulseClient, type PulseClientError } from '../pulse-client';
import {
  DEFAULT_SOCKET_IO_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from './socket-io.events';
import { SocketIoTransport } from './socket-io.transport';
import type { Transport, TransportConnection, TransportEvents, TransportName } from './transport';
import { WebSocketTransport } from './websocket.transport';

/** Resolves waiters once their condition holds, re-checked whenever `notify` is called. */
class Conditions {
  private readonly waiters = new Set<() => void>();

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

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * The server half of the protocol, whatever the transport: single-use tickets, join -> snapshot, ping -> pong.
 * Subclasses carry it over a `ws` server or a Socket.IO server.
 */
abstract class TinyServer extends Conditions {
  readonly ticketsSeen: string[] = [];
  /** The client messages of each accepted connection, in order. */
  readonly received: ClientMessage[][] = [];
  /** How many accepted connections have ended, as the server saw it. */
  disconnects = 0;
  private readonly validTickets = new Set<string>();
  private issued = 0;
  private seq = 0;

  constructor(private readonly port: number) {
    super();
  }

  /** The ws URL of the WebSocket endpoint; Socket.IO is served on the same origin. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  issueTicket(): string {
    const ticket = `ticket-${++this.issued}`;
    this.validTickets.add(ticket);
    return ticket;
  }

  /** Sends a move without coordinates on the latest connection. */
  abstract sendInvalidMove(): void;
  /** Ends connection `index` from the server's side, as a restart would. */
  abstract drop(index: number): void;
  abstract close(): Promise<void>;

  /** Records and consumes a ticket; true when it was valid. */
  protected redeem(ticket: unknown): boolean {
    const value = typeof ticket === 'string' ? ticket : '';
    this.ticketsSeen.push(value);
    return this.validTickets.delete(value);
  }

  /** Starts the log of a new connection. */
  protected accepted(): ClientMessage[] {
    const log: ClientMessage[] = [];
    this.received.push(log);
    this.notify();
    return log;
  }

  protected ended(): void {
    this.disconnects++;
    this.notify();
  }

  protected snapshotFor(room: string): ServerMessageOf<'snapshot'> {
    return {
      type: 'snapshot',
      room,
      self: 'alice',
      players: [{ id: 'alice', name: 'alice', x: 1, y: 2, online: true }],
      seq: ++this.seq,
    };
  }
}

class WsTinyServer extends TinyServer {
  private readonly sockets: WebSocket[] = [];

  private constructor(private readonly wss: WebSocketServer) {
    const address = wss.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    super(address.port);
    wss.on('connection', (socket) => this.accept(socket));
  }

  static start(): Promise<WsTinyServer> {
    return new Promise((resolve) => {
      let server: WsTinyServer | undefined;
      const wss = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        path: '/ws',
        verifyClient: (info, done) => {
          const ticket = new URL(info.req.url ?? '', 'http://localhost').searchParams.get('ticket');
          if (server?.redeem(ticket)) done(true);
          else done(false, 401, 'Unauthorized');
        },
      });
      wss.on('listening', () => {
        server = new WsTinyServer(wss);
        resolve(server);
      });
    });
  }

  sendInvalidMove(): void {
    this.sockets[this.sockets.length - 1].send('{"type":"move","room":"lobby","player":"bob","seq":1}');
  }

  drop(index: number): void {
    this.sockets[index].close(CloseCode.SERVICE_RESTART, 'restart');
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.push(socket);
    const log = this.accepted();
    socket.on('close', () => this.ended());
    socket.on('message', (data) => {
      const result = decodeClientMessage(String(data));
      if (!result.ok) return;
      log.push(result.message);
      if (result.message.type === 'join') socket.send(encodeMessage(this.snapshotFor(result.message.room)));
      if (result.message.type === 'ping') socket.send(encodeMessage({ type: 'pong', t: result.message.t }));
      this.notify();
    });
  }
}

type PulseIoServer = IoServer<ClientToServerEvents, ServerToClientEvents>;

class IoTinyServer extends TinyServer {
  private readonly sockets: IoServerSocket<ClientToServerEvents, ServerToClientEvents>[] = [];

  private constructor(
    private readonly io: PulseIoServer,
    port: number,
  ) {
    super(port);
    io.use((socket, next) =>
      this.redeem(socket.handshake.query['ticket']) ? next() : next(new Error('ticket refused')),
    );
    io.on('connection', (socket) => {
      this.sockets.push(socket);
      const log = this.accepted();
      socket.on('disconnect', () => this.ended());
      socket.onAny((event: string, ...args: unknown[]) => {
        const result = decodeClientMessage(JSON.stringify(args[0]));
        if (!result.ok || result.message.type !== event || args.length !== 1) return;
        log.push(result.message);
        if (result.message.type === 'join') socket.emit('snapshot', this.snapshotFor(result.message.room));
        if (result.message.type === 'ping') socket.emit('pong', { type: 'pong', t: result.message.t });
        this.notify();
      });
    });
  }

  static async start(): Promise<IoTinyServer> {
    const http: HttpServer = createServer();
    const io: PulseIoServer = new IoServer(http, { path: DEFAULT_SOCKET_IO_PATH, serveClient: false });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    return new IoTinyServer(io, address.port);
  }

  sendInvalidMove(): void {
    // @ts-expect-error the event map refuses a move without coordinates; the client must refuse it too
    this.sockets[this.sockets.length - 1].emit('move', {
      type: 'move',
      room: 'lobby',
      player: 'bob',
      seq: 1,
    });
  }

  drop(index: number): void {
    this.sockets[index].disconnect(true);
  }

  close(): Promise<void> {
    this.io.disconnectSockets(true);
    return this.io.close();
  }
}

/** Records what a connection reports. */
class Recorder extends Conditions implements TransportEvents {
  readonly log: ('opened' | 'received' | 'closed')[] = [];
  readonly messages: DecodeResult<ServerMessage>[] = [];
  readonly closes: { code: number; reason: string }[] = [];

  opened(): void {
    this.log.push('opened');
    this.notify();
  }

  received(result: DecodeResult<ServerMessage>): void {
    this.log.push('received');
    this.messages.push(result);
    this.notify();
  }

  closed(code: number, reason: string): void {
    this.log.push('closed');
    this.closes.push({ code, reason });
    this.notify();
  }
}

interface Backend {
  readonly name: TransportName;
  start(): Promise<TinyServer>;
  transport(url: string): Transport;
}

const backends: readonly Backend[] = [
  {
    name: 'websocket',
    start: () => WsTinyServer.start(),
    transport: (url) => new WebSocketTransport(new URL(url), WebSocket),
  },
  {
    name: 'socket.io',
    start: () => IoTinyServer.start(),
    transport: (url) => new SocketIoTransport({ url: new URL(url), path: DEFAULT_SOCKET_IO_PATH }),
  },
];

const isTerminal = (code: number) => TERMINAL_CLOSE_CODES.some((terminal) => terminal === code);

describe.each(backends)('the $name transport', (backend) => {
  let server: TinyServer;
  const links: TransportConnection[] = [];

  beforeEach(async () => {
    server = await backend.start();
  });
  afterEach(async () => {
    for (const link of links.splice(0)) link.close(CloseCode.NORMAL, 'test over');
    await server.close();
  });

  function open(ticket: string): { link: TransportConnection; events: Recorder } {
    const events = new Recorder();
    const link = backend.transport(server.url).open(ticket, events);
    links.push(link);
    return { link, events };
  }

  async function openLink(): Promise<{ link: TransportConnection; events: Recorder }> {
    const opened = open(server.issueTicket());
    await opened.events.until(() => opened.events.log.includes('opened'));
    return opened;
  }

  it('opens with the ticket, sends a message, and receives the decoded answer, type included', async () => {
    const { link, events } = await openLink();
    expect(link.isOpen).toBe(true);
    link.send({ type: 'join', room: 'lobby' });
    await events.until(() => events.messages.length === 1);
    expect(events.messages[0]).toEqual({
      ok: true,
      message: {
        type: 'snapshot',
        room: 'lobby',
        self: 'alice',
        players: [{ id: 'alice', name: 'alice', x: 1, y: 2, online: true }],
        seq: 1,
      },
    });
    expect(server.received).toEqual([[{ type: 'join', room: 'lobby' }]]);
    expect(server.ticketsSeen).toEqual(['ticket-1']);
  });

  it('ends an attempt whose ticket is refused with one non-terminal close, never opening', async () => {
    const { link, events } = open('forged');
    await events.until(() => events.closes.length > 0);
    expect(events.log).toEqual(['closed']);
    expect(isTerminal(events.closes[0].code)).toBe(false);
    expect(link.isOpen).toBe(false);
    expect(server.ticketsSeen).toEqual(['forged']);
    expect(server.received).toEqual([]);
  });

  it('reports a drop by the server as one non-terminal close', async () => {
    const { link, events } = await openLink();
    server.drop(0);
    await events.until(() => events.closes.length > 0);
    expect(events.log).toEqual(['opened', 'closed']);
    expect(isTerminal(events.closes[0].code)).toBe(false);
    expect(link.isOpen).toBe(false);
  });

  it('hands a message that breaks the protocol over as refused, and stays open', async () => {
    const { link, events } = await openLink();
    await server.until(() => server.received.length === 1);
    server.sendInvalidMove();
    await events.until(() => events.messages.length === 1);
    expect(events.messages[0]).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
    expect(link.isOpen).toBe(true);
  });

  it('closes from this side: the server sees it, and the link reports nothing after', async () => {
    const first = await openLink();
    first.link.close(CloseCode.NORMAL, 'bye');
    expect(first.link.isOpen).toBe(false);
    await server.until(() => server.disconnects === 1);
    // A full round trip on a second link lets any late event of the first one arrive.
    const second = await openLink();
    second.link.send({ type: 'join', room: 'lobby' });
    await second.events.until(() => second.events.messages.length === 1);
    expect(first.events.log).toEqual(['opened']);
  });

  it('closed in the same turn it was opened (socket.io-client may not have loaded yet): no event, no handshake', async () => {
    const early = open(server.issueTicket());
    early.link.close(CloseCode.NORMAL, 'changed my mind');
    expect(early.link.isOpen).toBe(false);
    // A full round trip on a second link lets anything the first one would have done arrive first.
    const second = await openLink();
    second.link.send({ type: 'join', room: 'lobby' });
    await second.events.until(() => second.events.messages.length === 1);
    expect(early.events.log).toEqual([]);
    expect(server.ticketsSeen).toEqual(['ticket-2']);
  });
});

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

describe.each(backends)('PulseClient over the $name transport', (backend) => {
  let server: TinyServer;
  let client: PulseClient | undefined;

  beforeEach(async () => {
    server = await backend.start();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await server.close();
  });

  function createClient(getTicket: () => Promise<string>): PulseClient {
    client = new PulseClient({
      url: server.url,
      getTicket,
      transport: backend.name,
      WebSocketImpl: WebSocket,
      backoff: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    return client;
  }

  it('counts a refused ticket as a failed attempt and retries with a fresh one, then joins', async () => {
    const getTicket = jest.fn<Promise<string>, []>();
    getTicket.mockResolvedValueOnce('forged').mockImplementation(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    const states: string[] = [];
    pulse.onState((state) => states.push(state.status));
    const snapshot = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    expect(await snapshot).toMatchObject({ type: 'snapshot', room: 'lobby', self: 'alice' });
    expect(server.ticketsSeen).toEqual(['forged', 'ticket-1']);
    expect(getTicket).toHaveBeenCalledTimes(2);
    expect(states).toEqual(['connecting', 'reconnecting', 'connecting', 'open']);
  });

  it('after a drop by the server, reconnects with a fresh ticket and re-joins its rooms', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    const first = nextSnapshot(pulse);
    pulse.connect();
    pulse.join('lobby');
    await first;
    const second = nextSnapshot(pulse);
    server.drop(0);
    expect(await second).toMatchObject({ room: 'lobby', seq: 2 });
    expect(server.ticketsSeen).toEqual(['ticket-1', 'ticket-2']);
    expect(server.received[1][0]).toEqual({ type: 'join', room: 'lobby' });
    expect(pulse.joinedRooms).toEqual(['lobby']);
  });

  it('reports a message that breaks the protocol to onError, measures the round-trip time, and stays open', async () => {
    const pulse = createClient(async () => server.issueTicket());
    const errors: PulseClientError[] = [];
    pulse.onError((error) => errors.push(error));
    const pong = new Promise<void>((resolve) => pulse.on('pong', () => resolve()));
    pulse.connect();
    await pong;
    expect(pulse.rtt).toBeGreaterThanOrEqual(0);
    const reported = new Promise<void>((resolve) => pulse.onError(() => resolve()));
    server.sendInvalidMove();
    await reported;
    expect(errors).toEqual([
      { kind: 'invalid-frame', error: expect.objectContaining({ code: 'INVALID_MESSAGE' }) },
    ]);
    expect(pulse.state.status).toBe('open');
  });

  it('does not reconnect after close()', async () => {
    const getTicket = jest.fn(async () => server.issueTicket());
    const pulse = createClient(getTicket);
    pulse.connect();
    await waitForState(pulse, (state) => state.status === 'open');
    pulse.close();
    await server.until(() => server.disconnects === 1);
    expect(pulse.state).toEqual({ status: 'closed', code: CloseCode.NORMAL, reason: 'closed by client' });
    expect(getTicket).toHaveBeenCalledTimes(1);
  });
});
