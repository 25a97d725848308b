import type { AuthenticatedUser, UpgradeAuthorizer, UpgradeDecision } from '@pulse/auth';
import { CloseCode } from '@pulse/protocol';
import { createServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';
import { WebSocket } from 'ws';
import { ConnectionMessageBudget } from '../../rate-limit/message-budget';
import { UpgradeGate } from '../upgrade-gate';
import type { SocketIoConnection } from './socket-io-connection';
import { createSocketIoServer } from './socket-io.server';

/** Tickets `good-*` are good once, for the user named after the dash; everything else is refused. */
class OneShotTickets implements UpgradeAuthorizer {
  private readonly spent = new Set<string>();

  async authorize(request: { url?: string }): Promise<UpgradeDecision> {
    const ticket = new URL(request.url ?? '/', 'http://x').searchParams.get('ticket');
    if (!ticket) return { ok: false, status: 401, reason: 'ticket-missing' };
    if (!ticket.startsWith('good-') || this.spent.has(ticket))
      return { ok: false, status: 401, reason: 'ticket-invalid' };
    this.spent.add(ticket);
    return { ok: true, user: { id: ticket.slice('good-'.length), name: ticket, roles: [] } };
  }
}

describe('createSocketIoServer', () => {
  let http: HttpServer;
  let io: Server;
  let base: string;
  const refused: string[] = [];
  const connected: Array<{ user: AuthenticatedUser }> = [];
  let budgetsMade = 0;

  beforeAll(async () => {
    http = createServer();
    const gate = new UpgradeGate({
      authorizer: new OneShotTickets(),
      isDraining: () => false,
      refused: (reason) => refused.push(reason),
    });
    io = createSocketIoServer(
      http,
      gate,
      {
        heartbeatIntervalMs: 25_000,
        maxPayloadBytes: 65_536,
        redis: null,
        shardedPubSub: false,
        isDraining: () => false,
        budgets: () => (budgetsMade++, new ConnectionMessageBudget({ perSecond: 10, burst: 20 })),
        pongBufferLimitBytes: 64 * 1024,
      },
      (_socket, connection: SocketIoConnection) => connected.push({ user: connection.user }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/socket.io/?EIO=4`;
  });

  afterAll(async () => {
    io.engine.close();
    await io.close();
  });

  async function get(url: string): Promise<{ status: number; text: string }> {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  }

  function upgradeStatus(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const upgrade = httpRequest(url, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      upgrade.once('upgrade', (_response, socket) => (socket.destroy(), resolve(101)));
      upgrade.once('response', (response) => resolve(response.statusCode ?? 0));
      upgrade.once('error', reject);
      upgrade.end();
    });
  }

  it('makes no session for a polling handshake without a good ticket: 401 with the reason, counted', async () => {
    refused.length = 0;
    await expect(get(`${base}&transport=polling`)).resolves.toEqual({
      status: 401,
      text: JSON.stringify({ status: 401, reason: 'ticket-missing', message: 'unauthorized' }),
    });
    await expect(get(`${base}&transport=polling&ticket=made-up`)).resolves.toMatchObject({ status: 401 });
    expect(io.engine.clientsCount).toBe(0);
    expect(refused).toEqual(['ticket-missing', 'ticket-invalid']);
  });

  it('refuses a WebSocket handshake without a ticket with 401 before the 101', async () => {
    await expect(upgradeStatus(`${base}&transport=websocket`)).resolves.toBe(401);
    expect(io.engine.clientsCount).toBe(0);
  });

  it('opens a polling session with a ticket; its later requests pass on their sid, and CONNECT gets the handshake user once', async () => {
    const open = await get(`${base}&transport=polling&ticket=good-alice`);
    expect(open.status).toBe(200);
    const { sid } = JSON.parse(open.text.slice(1)) as { sid: string };
    const post = await fetch(`${base}&transport=polling&sid=${sid}`, { method: 'POST', body: '40' });
    expect(await post.text()).toBe('ok');
    await expect(get(`${base}&transport=polling&sid=${sid}`)).resolves.toMatchObject({
      status: 200,
      text: expect.stringMatching(/^40\{"sid"/),
    });
    expect(connected.map((connection) => connection.user.id)).toEqual(['alice']);
    // the spent ticket opens nothing more
    await expect(get(`${base}&transport=polling&ticket=good-alice`)).resolves.toMatchObject({ status: 401 });
  });

  it("answers an Engine.IO WebSocket's pings within its budget and closes a ping flood with 4008", async () => {
    const open = async (ticket: string) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}&transport=websocket&ticket=${ticket}`, {
        autoPong: false,
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      return socket;
    };
    const calm = await open('good-bob');
    const answered = new Promise<string>((resolve) => calm.once('pong', (data) => resolve(String(data))));
    calm.ping('hello');
    await expect(answered).resolves.toBe('hello');
    calm.close();

    const flooder = await open('good-carol');
    let pongs = 0;
    flooder.on('pong', () => pongs++);
    const closed = new Promise<number>((resolve) => flooder.once('close', (code) => resolve(code)));
    for (let i = 0; i < 5000; i++) flooder.ping();
    await expect(closed).resolves.toBe(CloseCode.RATE_LIMIT_EXCEEDED);
    expect(pongs).toBeLessThanOrEqual(22);
  });

  it("gives a session's later WebSocket (upgraded with its sid) the budget of the session, not one of its own", async () => {
    const open = await get(`${base}&transport=polling&ticket=good-erin`);
    const { sid } = JSON.parse(open.text.slice(1)) as { sid: string };
    await fetch(`${base}&transport=polling&sid=${sid}`, { method: 'POST', body: '40' });
    await get(`${base}&transport=polling&sid=${sid}`);
    const before = budgetsMade;
    // A ping is what a WebSocket's budget is first asked for.
    const pinged = async (url: string) => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const pong = new Promise((resolve) => socket.once('pong', resolve));
      socket.ping();
      await pong;
      return socket;
    };
    const upgraded = await pinged(`${base.replace('http', 'ws')}&transport=websocket&sid=${sid}`);
    expect(budgetsMade).toBe(before);
    const stranger = await pinged(`${base.replace('http', 'ws')}&transport=websocket&ticket=good-frank`);
    expect(budgetsMade).toBe(before + 1);
    upgraded.close();
    stranger.close();
  });
});
