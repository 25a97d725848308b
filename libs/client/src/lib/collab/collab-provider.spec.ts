import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PulseAuthError } from '../auth-error';
import { createCollabProvider, type CollabConnection } from './collab-provider';

/**
 * A tiny document server: single-use tickets checked at the upgrade (as Pulse does), then y-protocols sync of one
 * shared `Y.Doc` (step 1 both ways, updates applied and relayed).
 */
class TinyCollabServer {
  readonly doc = new Y.Doc();
  readonly ticketsSeen: string[] = [];
  readonly paths: string[] = [];
  readonly sockets: WebSocket[] = [];
  private readonly valid = new Set<string>();
  private issued = 0;

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (socket, request) => {
      this.paths.push(new URL(request.url ?? '', 'http://x').pathname);
      this.sockets.push(socket);
      socket.send(this.frame((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)));
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== 0) return;
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, 0);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, socket);
        if (encoding.length(reply) > 1) socket.send(encoding.toUint8Array(reply));
      });
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const frame = this.frame((encoder) => syncProtocol.writeUpdate(encoder, update));
      for (const socket of this.sockets)
        if (socket !== origin && socket.readyState === WebSocket.OPEN) socket.send(frame);
    });
  }

  static start(): Promise<TinyCollabServer> {
    return new Promise((resolve) => {
      const wss = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        verifyClient: (info, done) => {
          const ticket = new URL(info.req.url ?? '', 'http://x').searchParams.get('ticket') ?? '';
          server.ticketsSeen.push(ticket);
          if (server.valid.delete(ticket)) done(true);
          else done(false, 401, 'Unauthorized');
        },
      });
      const server = new TinyCollabServer(wss);
      wss.on('listening', () => resolve(server));
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.wss.address() as { port: number }).port}`;
  }

  issue(): string {
    const ticket = `ticket-${++this.issued}`;
    this.valid.add(ticket);
    return ticket;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    write(encoder);
    return encoding.toUint8Array(encoder);
  }
}

function synced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (provider.synced) return resolve();
    const listener = (state: boolean) => {
      if (!state) return;
      provider.off('sync', listener);
      resolve();
    };
    provider.on('sync', listener);
  });
}

function textBecomes(doc: Y.Doc, expected: string): Promise<void> {
  const text = doc.getText('notes');
  return new Promise((resolve) => {
    if (text.toString() === expected) return resolve();
    const listener = () => {
      if (text.toString() !== expected) return;
      text.unobserve(listener);
      resolve();
    };
    text.observe(listener);
  });
}

describe('createCollabProvider', () => {
  let server: TinyCollabServer;
  let connection: CollabConnection<WebsocketProvider> | undefined;
  const fast = { initialDelayMs: 20, maxDelayMs: 50, multiplier: 2 };

  beforeEach(async () => (server = await TinyCollabServer.start()));

  afterEach(async () => {
    connection?.destroy();
    connection = undefined;
    await server.close();
  });

  function open(
    doc: Y.Doc,
    getTicket: () => Promise<string>,
    extra: { onAuthFailure?: (error: PulseAuthError) => void } = {},
  ) {
    connection = createCollabProvider({
      WebsocketProvider,
      doc,
      document: 'room-1',
      baseUrl: server.baseUrl,
      getTicket,
      backoff: fast,
      // `ws` is the WebSocket of Node; the provider's type names the browser's.
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...extra,
    });
    return connection.provider;
  }

  it('connects to /collab/<document> with a ticket, and with a new one on every reconnection', async () => {
    const doc = new Y.Doc();
    const provider = open(doc, async () => server.issue());
    await synced(provider);
    expect(server.paths).toEqual(['/collab/room-1']);

    server.sockets[0].terminate();
    doc.getText('notes').insert(0, 'typed while away');
    await textBecomes(server.doc, 'typed while away');
    expect(server.ticketsSeen).toEqual(['ticket-1', 'ticket-2']);
    expect(server.paths).toEqual(['/collab/room-1', '/collab/room-1']);
  });

  it('asks again after a refused ticket or a failed ticket request, backing off', async () => {
    const doc = new Y.Doc();
    const answers: Array<() => Promise<string>> = [
      async () => 'forged',
      async () => {
        throw new PulseAuthError(0, 'the server could not be reached');
      },
    ];
    const provider = open(doc, () => (answers.shift() ?? (async () => server.issue()))());
    await synced(provider);
    expect(server.ticketsSeen).toEqual(['forged', 'ticket-1']);
  });

  it('stops when the access token behind the tickets is refused', async () => {
    const doc = new Y.Doc();
    const refused = new Promise<PulseAuthError>((resolve) => {
      open(
        doc,
        async () => {
          throw new PulseAuthError(401, 'credentials refused');
        },
        { onAuthFailure: resolve },
      );
    });
    await expect(refused).resolves.toMatchObject({ status: 401, authFailure: true });
    expect(server.ticketsSeen).toEqual([]);
  });

  it('destroys the awareness y-websocket made for it, and leaves one the caller gave alone', async () => {
    const made = open(new Y.Doc(), async () => server.issue());
    const destroyMade = jest.spyOn(made.awareness, 'destroy');
    connection?.destroy();
    expect(destroyMade).toHaveBeenCalled();

    const doc = new Y.Doc();
    const given = new Awareness(doc);
    connection = createCollabProvider({
      WebsocketProvider,
      doc,
      document: 'room-1',
      baseUrl: server.baseUrl,
      getTicket: async () => server.issue(),
      awareness: given,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const destroyGiven = jest.spyOn(given, 'destroy');
    connection.destroy();
    expect(destroyGiven).not.toHaveBeenCalled();
    given.destroy();
  });
});
