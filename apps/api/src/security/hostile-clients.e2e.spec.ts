import { CloseCode, PulsePaths, type LoginResponse, type TicketResponse } from '@pulse/protocol';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { startNode, type NodeProcess } from '../testing/cluster-processes';
import { TestClient } from '../testing/test-client';
import { RawWebSocket } from './testing/raw-websocket';

/**
 * Attacks that need no login, or only one, against a built node with a small heap
 * (`--max-old-space-size=192`, as a container with little memory would run it): WebSocket ping floods on both
 * transports, from clients that read and clients that never do, with and without a ticket, and Engine.IO
 * handshakes without one. The node must stay up, its heap under HEAP_BOUND_BYTES, a calm user's ping p99 under
 * CALM_P99_BOUND_MS, and every flooder must be closed. Each flood stops by itself: at FLOOD_PINGS frames, at the
 * server's close, or after FLOOD_TIME_LIMIT_MS.
 */
const HEAP_LIMIT_MB = 192;
/** Bounds for a loaded 2-core machine: the heap idles at ~30 MiB; before the fix one flood took it past 192. */
const HEAP_BOUND_BYTES = 100 * 1024 * 1024;
const CALM_P99_BOUND_MS = 250;
const FLOOD_PINGS = 600_000;
const FLOOD_TIME_LIMIT_MS = 10_000;
const UPGRADE_FAILURES_PER_MINUTE = 10;

const SECRET = randomBytes(32).toString('hex');

/** A masked ping frame: FIN + opcode 9, a 4-byte masked payload (client frames must be masked). */
function pingFrame(n: number): Buffer {
  const mask = randomBytes(4);
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(n >>> 0);
  for (let i = 0; i < 4; i++) payload[i] ^= mask[i];
  return Buffer.concat([Buffer.from([0x89, 0x80 | 4]), mask, payload]);
}

/** 64 KiB of ping frames, written over and over: what a flood costs this process stays small. */
const PING_CHUNK = Buffer.concat(Array.from({ length: 6553 }, (_, i) => pingFrame(i)));
const PINGS_PER_CHUNK = 6553;

interface FloodOutcome {
  /** Ping frames written into the socket before it was closed (or the flood stopped). */
  readonly sent: number;
  /** Whether the server ended the connection (rather than the flood stopping on its own). */
  readonly closedByServer: boolean;
  /** The first line of the server's answer to the handshake. */
  readonly statusLine: string;
}

/**
 * A raw TCP client that sends the WebSocket handshake for `path`, then masked ping frames as fast as the socket
 * takes them, and never reads after the handshake's answer (`pipelined`: not even that, the pings follow the
 * request at once). Stops at FLOOD_PINGS, when the server closes, or after FLOOD_TIME_LIMIT_MS.
 */
function silentPingFlood(
  port: number,
  path: string,
  options: { forwardedFor?: string; pipelined?: boolean } = {},
): Promise<FloodOutcome> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let sent = 0;
    let statusLine = '';
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ sent, closedByServer, statusLine });
    };
    const timer = setTimeout(() => finish(false), FLOOD_TIME_LIMIT_MS);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    const flood = () => {
      while (!done && sent < FLOOD_PINGS) {
        sent += PINGS_PER_CHUNK;
        if (!socket.write(PING_CHUNK)) return void socket.once('drain', flood);
      }
      if (sent >= FLOOD_PINGS) finish(false);
    };
    const head = [
      `GET ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      ...(options.forwardedFor ? [`X-Forwarded-For: ${options.forwardedFor}`] : []),
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    if (options.pipelined) {
      // never reads at all: the status is not even looked at
      socket.pause();
      flood();
      return;
    }
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const end = answer.indexOf('\r\n\r\n');
      if (end === -1) return;
      statusLine = answer.slice(0, answer.indexOf('\r\n'));
      // from here on, nothing is read: the kernel buffers fill and whatever the server writes waits in its memory
      socket.off('data', onData);
      socket.pause();
      flood();
    };
    socket.on('data', onData);
  });
}

describe(`hostile clients against a node with a ${HEAP_LIMIT_MB} MiB heap`, () => {
  let node: NodeProcess;
  let port: number;
  let calm: TestClient;
  const tokens = new Map<string, string>();
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    node = await startNode({
      JWT_SECRET: SECRET,
      NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`,
      RATE_LIMIT_UPGRADE_FAILURES_PER_MINUTE: String(UPGRADE_FAILURES_PER_MINUTE),
    });
    port = Number(new URL(node.httpUrl).port);
    calm = await TestClient.open(
      `ws://127.0.0.1:${port}${PulsePaths.websocket}?ticket=${await ticketFor('bob')}`,
    );
    cleanups.push(() => calm.close());
  }, 30_000);

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await node?.stop();
  });

  async function ticketFor(username: string): Promise<string> {
    let token = tokens.get(username);
    if (!token) {
      const login = await fetch(`${node.httpUrl}${PulsePaths.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'pulse' }),
      });
      token = ((await login.json()) as LoginResponse).accessToken;
      tokens.set(username, token);
    }
    const response = await fetch(`${node.httpUrl}${PulsePaths.ticket}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as TicketResponse).ticket;
  }

  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line ? Number(line.slice(name.length + 1)) : 0;
  }

  /** How often the calm user pings while a flood runs: a fifth of the default message budget. */
  const CALM_PINGS_PER_SECOND = 25;

  /** Samples the node's heap (from /metrics) and the calm client's ping round trip until `during` settles. */
  async function watch<T>(
    during: Promise<T>,
  ): Promise<{ result: T; maxHeap: number; p99: number; pings: number }> {
    let settled = false;
    const result = during.finally(() => (settled = true));
    const heaps: number[] = [];
    const times: number[] = [];
    const sampling = (async () => {
      while (!settled) {
        heaps.push(await metric('pulse_nodejs_heap_size_used_bytes'));
        const started = performance.now();
        await calm.settle();
        const took = performance.now() - started;
        times.push(took);
        // A calm user: one ping at a time, at most CALM_PINGS_PER_SECOND, well inside the message budget.
        if (took < 1000 / CALM_PINGS_PER_SECOND)
          await new Promise((resolve) => setTimeout(resolve, 1000 / CALM_PINGS_PER_SECOND - took));
      }
    })();
    const outcome = await result;
    await sampling;
    heaps.push(await metric('pulse_nodejs_heap_size_used_bytes'));
    const sorted = [...times].sort((a, b) => a - b);
    return {
      result: outcome,
      maxHeap: Math.max(...heaps),
      p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
      pings: times.length,
    };
  }

  function expectNodeWell(maxHeap: number, p99: number): void {
    expect(node.pid).toBeGreaterThan(0);
    expect(process.kill(node.pid, 0)).toBe(true);
    expect(maxHeap).toBeGreaterThan(0);
    expect(maxHeap).toBeLessThan(HEAP_BOUND_BYTES);
    expect(p99).toBeLessThan(CALM_P99_BOUND_MS);
  }

  it.each([
    ['/ws', PulsePaths.websocket, '?ticket='],
    ['/socket.io', '/socket.io/', '?EIO=4&transport=websocket&ticket='],
  ])('closes a ticketed client on %s that floods pings and never reads', async (_name, path, query) => {
    const { result, maxHeap, p99 } = await watch(
      silentPingFlood(port, `${path}${query}${await ticketFor('alice')}`),
    );
    expect(result.statusLine).toBe('HTTP/1.1 101 Switching Protocols');
    expect(result.closedByServer).toBe(true);
    expect(result.sent).toBeLessThan(FLOOD_PINGS);
    expectNodeWell(maxHeap, p99);
  });

  it.each([
    ['/ws', `${PulsePaths.websocket}`, '10.66.0.1'],
    ['/socket.io', '/socket.io/?EIO=4&transport=websocket', '10.66.0.2'],
  ])(
    'refuses a ticketless handshake on %s followed at once by a ping flood, and drops it',
    async (_name, path, address) => {
      const refusedBefore = await metric('pulse_upgrades_refused_total{reason="ticket-missing"}');
      const { result, maxHeap, p99 } = await watch(
        silentPingFlood(port, path, { forwardedFor: address, pipelined: true }),
      );
      expect(result.closedByServer).toBe(true);
      expect(await metric('pulse_upgrades_refused_total{reason="ticket-missing"}')).toBe(refusedBefore + 1);
      expectNodeWell(maxHeap, p99);
    },
  );

  it.each([
    ['/ws', (ticket: string) => `ws://127.0.0.1:${port}${PulsePaths.websocket}?ticket=${ticket}`],
    [
      '/socket.io',
      (ticket: string) => `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket&ticket=${ticket}`,
    ],
  ])(
    'closes a client on %s that reads its pongs but pings 50,000 times, answering no more than its budget',
    async (_name, url) => {
      const flooder = await RawWebSocket.open(url(await ticketFor('carol')));
      cleanups.push(() => flooder.socket.destroy());
      const pings = 50_000;
      const frames = Buffer.concat(Array.from({ length: pings }, (_, i) => pingFrame(i)));
      const { maxHeap, p99 } = await watch(
        (async () => {
          flooder.write(frames);
          await flooder.ended;
        })(),
      );
      const pongs = flooder.frames.filter((frame) => frame.opcode === 0x0a).length;
      // defaults: bursts of 256, then refused; a flood at this rate is closed within a few hundred frames
      expect(pongs).toBeGreaterThan(0);
      expect(pongs).toBeLessThan(1000);
      expect(flooder.closeCode()).toBe(CloseCode.RATE_LIMIT_EXCEEDED);
      expectNodeWell(maxHeap, p99);
    },
  );

  it('refuses Engine.IO polling handshakes without a ticket (401), counts them, and answers 429 past the limit', async () => {
    const poll = (address: string) =>
      fetch(`${node.httpUrl}/socket.io/?EIO=4&transport=polling`, {
        headers: { 'x-forwarded-for': address },
      });
    const refusedBefore = await metric('pulse_upgrades_refused_total{reason="ticket-missing"}');
    const limitedBefore = await metric('pulse_upgrades_refused_total{reason="too-many-failures"}');
    for (let i = 0; i < UPGRADE_FAILURES_PER_MINUTE; i++) {
      const response = await poll('10.77.0.1');
      expect(response.status).toBe(401);
      // no session: the body is the refusal, never an Engine.IO open packet with a sid
      await expect(response.json()).resolves.toEqual({
        status: 401,
        reason: 'ticket-missing',
        message: 'unauthorized',
      });
    }
    const limited = await poll('10.77.0.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // even a good ticket waits out the limit from that address; another address is unaffected
    const withTicket = await fetch(
      `${node.httpUrl}/socket.io/?EIO=4&transport=polling&ticket=${await ticketFor('dave')}`,
      { headers: { 'x-forwarded-for': '10.77.0.1' } },
    );
    expect(withTicket.status).toBe(429);
    expect((await poll('10.77.0.2')).status).toBe(401);
    expect(await metric('pulse_upgrades_refused_total{reason="ticket-missing"}')).toBe(
      refusedBefore + UPGRADE_FAILURES_PER_MINUTE + 1,
    );
    expect(await metric('pulse_upgrades_refused_total{reason="too-many-failures"}')).toBe(limitedBefore + 2);

    const open = await fetch(
      `${node.httpUrl}/socket.io/?EIO=4&transport=polling&ticket=${await ticketFor('dave')}`,
    );
    expect(open.status).toBe(200);
    expect(await open.text()).toMatch(/^0\{"sid":/);
  });
});
