import { TickerPaths, type ServerMessageOf } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';
import { TickerPublisher } from './ticker.publisher';

const SECRET = 'ticker-test-secret-that-is-long-enough-7';
/** Fast quotes keep the tests short; nothing below depends on the rate. */
const TICKER_ENV = {
  JWT_SECRET: SECRET,
  TICKER_RATE_HZ: '20',
  TICKER_SYMBOLS: 'ACME,GLOBEX,INITECH',
  TICKER_LEASE_TTL_MS: '600',
};

type Quote = ServerMessageOf<'quote'>;

let ids = 0;
const uid = (label: string) => `${label}-${++ids}`;

const quotesOf = (client: TestClient, symbol: string): Quote[] =>
  client.received.filter((m): m is Quote => m.type === 'quote' && m.symbol === symbol);

function leading(node: TestApp): boolean {
  return node.app.get(TickerPublisher).leading;
}

describe('live ticker on one node, in memory', () => {
  let node: TestApp;
  const clients: TestClient[] = [];

  async function open(user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    return client;
  }

  /** Subscribes and waits for the acknowledgement (the latest quote, if any, comes before it). */
  async function subscribe(client: TestClient, symbol: string): Promise<void> {
    const id = uid('sub');
    client.send({ type: 'subscribe', symbol, id });
    await client.next('ack', (m) => m.id === id);
  }

  beforeAll(async () => {
    node = await startTestApp(TICKER_ENV);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await node.close();
  });

  it('sends a subscriber the latest quote first, then every new one, numbered one by one', async () => {
    const bob = await open('bob');
    await subscribe(bob, 'ACME');
    const seen = await bob.next('quote', (q) => q.symbol === 'ACME');

    const alice = await open('alice');
    const id = uid('sub');
    alice.send({ type: 'subscribe', symbol: 'ACME', id });
    const first = await alice.next('quote');
    expect(alice.received[0]).toBe(first);
    expect(first).toEqual({
      type: 'quote',
      symbol: 'ACME',
      price: expect.any(Number),
      at: expect.any(Number),
      seq: expect.any(Number),
    });
    expect(first.seq).toBeGreaterThanOrEqual(seen.seq);
    await alice.next('ack', (m) => m.id === id);

    const next = [await alice.next('quote'), await alice.next('quote'), await alice.next('quote')];
    expect(next.map((q) => q.seq)).toEqual([first.seq + 1, first.seq + 2, first.seq + 3]);
    for (const quote of next) {
      expect(quote.symbol).toBe('ACME');
      expect(quote.price).toBeGreaterThan(0);
      expect(quote.at).toBeGreaterThanOrEqual(first.at);
    }
    const sameForBob = await bob.next('quote', (q) => q.seq === next[2].seq);
    expect(sameForBob).toEqual(next[2]);
  });

  it('stops sending a symbol once unsubscribing is acknowledged, and starts again on a new subscribe', async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    await subscribe(alice, 'INITECH');
    await subscribe(bob, 'INITECH');
    await alice.next('quote', (q) => q.symbol === 'INITECH');

    const id = uid('unsub');
    alice.send({ type: 'unsubscribe', symbol: 'INITECH', id });
    await alice.next('ack', (m) => m.id === id);
    const acked = alice.received.length;
    const lastSeen = Math.max(...quotesOf(alice, 'INITECH').map((q) => q.seq));

    // Quotes go on: bob, still subscribed, gets two more after everything alice was sent.
    await bob.next('quote', (q) => q.symbol === 'INITECH' && q.seq >= lastSeen + 2);
    await alice.settle();
    expect(alice.received.slice(acked).filter((m) => m.type === 'quote')).toEqual([]);

    await subscribe(alice, 'INITECH');
    const again = quotesOf(alice, 'INITECH').at(-1);
    expect(again?.seq).toBeGreaterThanOrEqual(lastSeen + 2);
    await expect(alice.next('quote', (q) => q.seq === (again?.seq ?? 0) + 1)).resolves.toMatchObject({
      symbol: 'INITECH',
    });
  });

  it('sends only the symbols subscribed to', async () => {
    const carol = await open('carol');
    await subscribe(carol, 'GLOBEX');
    await carol.next('quote', (q) => q.seq > 3);
    await carol.settle();
    expect(new Set(carol.received.filter((m) => m.type === 'quote').map((m) => (m as Quote).symbol))).toEqual(
      new Set(['GLOBEX']),
    );
  });

  it('serves Socket.IO clients the same quotes as native ones', async () => {
    const native = await open('alice');
    await subscribe(native, 'GLOBEX');
    const sio = await SocketIoTestClient.connect(node.httpUrl, await node.ticketFor('bob'));
    try {
      sio.emit({ type: 'subscribe', symbol: 'GLOBEX' });
      const first = await sio.next('quote', (q) => q.symbol === 'GLOBEX');
      const next = await sio.next('quote', (q) => q.seq === first.seq + 1);
      await expect(native.next('quote', (q) => q.seq === next.seq)).resolves.toEqual(next);
    } finally {
      sio.close();
    }
  });

  it('refuses unknown symbols, unsubscribing unsubscribed ones, and other messages in ticker rooms; the socket stays', async () => {
    const dave = await open('dave');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'subscribe', symbol: 'NOPE', id: uid('e') }, 'INVALID_MESSAGE'],
      [{ type: 'subscribe', symbol: 'acme', id: uid('e') }, 'INVALID_MESSAGE'],
      [{ type: 'subscribe', id: uid('e') }, 'INVALID_MESSAGE'],
      [{ type: 'unsubscribe', symbol: 'GLOBEX', id: uid('e') }, 'NOT_IN_ROOM'],
      [{ type: 'join', room: 'ticker:ACME', id: uid('e') }, 'FORBIDDEN'],
      [{ type: 'chat', room: 'ticker:ACME', text: 'buy!', id: uid('e') }, 'FORBIDDEN'],
    ];
    for (const [message, code] of cases) {
      dave.send(message);
      await expect(dave.next('error', (m) => m.id === message['id'])).resolves.toMatchObject({ code });
    }
    expect(await dave.settle()).toEqual([]);
  });

  it('lists the symbols and the rate to signed-in clients over HTTP', async () => {
    const url = `${node.httpUrl}${TickerPaths.symbols}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await node.login('alice')}` } });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ symbols: ['ACME', 'GLOBEX', 'INITECH'], rateHz: 20 });
    expect((await fetch(url)).status).toBe(401);
  });
});

describe('live ticker across two nodes sharing Redis', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];
  const clients: TestClient[] = [];

  async function subscribed(node: TestApp, user: string, symbol: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    const id = uid('sub');
    client.send({ type: 'subscribe', symbol, id });
    await client.next('ack', (m) => m.id === id);
    return client;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { ...TICKER_ENV, REDIS_URL: redis.url };
    nodes = [await startTestApp(env), await startTestApp(env)];
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  it('runs the price source on one node only, and delivers the same quotes on both', async () => {
    expect(nodes.map(leading).filter(Boolean)).toHaveLength(1);
    const alice = await subscribed(nodes[0], 'alice', 'ACME');
    const bob = await subscribed(nodes[1], 'bob', 'ACME');
    const floor = Math.max(
      ...quotesOf(alice, 'ACME').map((q) => q.seq),
      ...quotesOf(bob, 'ACME').map((q) => q.seq),
      0,
    );
    const onA = await alice.next('quote', (q) => q.seq === floor + 1);
    await expect(bob.next('quote', (q) => q.seq === onA.seq)).resolves.toEqual(onA);
    const following = [
      await alice.next('quote', (q) => q.seq > onA.seq),
      await alice.next('quote', (q) => q.seq > onA.seq + 1),
    ];
    expect(following.map((q) => q.seq)).toEqual([onA.seq + 1, onA.seq + 2]);
  });

  it('hands the price source over when its node stops, carrying on the seq and the price', async () => {
    const leader = nodes.find(leading);
    const follower = nodes.find((node) => !leading(node));
    if (!leader || !follower) throw new Error('expected one leading node and one following');
    const watcher = await subscribed(follower, 'carol', 'GLOBEX');
    const before = await watcher.next('quote', (q) => q.symbol === 'GLOBEX');

    await leader.close();
    nodes = [follower];
    await waitFor(async () => leading(follower), 'the other node to take the lease');
    const takenAt = Date.now();
    await watcher.next('quote', (q) => q.at >= takenAt);

    // One unbroken sequence across the handover, each step within the random walk's bound.
    const quotes = quotesOf(watcher, 'GLOBEX');
    expect(quotes[0]).toBe(before);
    expect(quotes.map((q) => q.seq)).toEqual(quotes.map((_q, i) => before.seq + i));
    for (let i = 1; i < quotes.length; i++) {
      expect(Math.abs(quotes[i].price - quotes[i - 1].price)).toBeLessThanOrEqual(
        quotes[i - 1].price * 0.002 + 0.01,
      );
    }
  });
});
