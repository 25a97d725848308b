import { PulsePaths, type ServerMessage, type ServerMessageOf } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { Redis } from 'ioredis';
import { ResumingClient, ticketsThrough } from '../testing/resuming-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';
import { boardCell } from '../testing/board-cells';

const readiness = async (node: TestApp) => (await fetch(`${node.httpUrl}/readyz`)).status;

describe('Redis stopped and started again during a session', () => {
  let redis: TestRedisServer;
  let a: TestApp;
  let b: TestApp;
  const clients: TestClient[] = [];

  async function member(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    clients.push(client);
    client.send({ type: 'join', room: 'outage' });
    await client.next('snapshot');
    return client;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: 'outage-test-secret-long-enough-123' };
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all([a.close(), b.close()]);
    await redis.stop();
  });

  it('keeps local delivery going, reports not-ready, then resyncs and resumes cross-node delivery', async () => {
    const alice = await member(a, 'alice');
    const bob = await member(a, 'bob');
    const carol = await member(b, 'carol');
    alice.send({ type: 'move', room: 'outage', x: 1, y: 1 });
    await expect(carol.next('move')).resolves.toMatchObject({ player: 'alice', x: 1, y: 1 });
    await bob.next('move', (m) => m.x === 1);

    const davesToken = await a.login('dave');
    await redis.stop();
    await waitFor(async () => (await readiness(a)) === 503, 'node A to report not-ready');
    const report = await (await fetch(`${a.httpUrl}/readyz`)).json();
    expect(report).toMatchObject({ status: 'not-ready', checks: { redis: expect.stringMatching(/^down/) } });

    alice.send({ type: 'move', room: 'outage', x: 2, y: 2 });
    const outage = await bob.next('snapshot', (s) => s.resync === true);
    const joined = bob.received.find((m) => m.type === 'snapshot') as ServerMessageOf<'snapshot'>;
    expect(outage.epoch).not.toBe(joined.epoch);
    expect(outage.players.find((p) => p.id === 'alice')).toMatchObject({ x: 2, y: 2 });
    alice.send({ type: 'move', room: 'outage', x: 4, y: 2 });
    const local = await bob.next('move', (m) => m.x === 4);
    expect(local.seq).toBeGreaterThan(outage.seq);

    const ticket = await fetch(`${a.httpUrl}/auth/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${davesToken}` },
    });
    expect(ticket.status).toBe(503);
    // A sign-in is stored with its refresh token, so it waits for Redis too, and says so.
    const login = await fetch(`${a.httpUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: 'pulse' }),
    });
    expect(login.status).toBe(503);
    alice.send({ type: 'join', room: 'elsewhere', id: 'j-down' });
    await expect(alice.next('error', (e) => e.id === 'j-down')).resolves.toMatchObject({
      code: 'UNAVAILABLE',
    });

    await redis.restart();
    await waitFor(
      async () => (await readiness(a)) === 200 && (await readiness(b)) === 200,
      'both nodes ready again',
    );

    const resyncs = await Promise.all(
      [alice, bob, carol].map((client) => client.next('snapshot', (s) => s.resync === true)),
    );
    const aliceInResync = resyncs[0].players.find((p) => p.id === 'alice');
    expect(aliceInResync).toMatchObject({ online: true });

    alice.send({ type: 'move', room: 'outage', x: 3, y: 3 });
    await expect(carol.next('move', (m) => m.x === 3)).resolves.toMatchObject({ player: 'alice' });
    await expect(bob.next('move', (m) => m.x === 3)).resolves.toMatchObject({ player: 'alice' });
  });
});

type Position = { epoch?: string; seq: number };

/**
 * Checks one socket's messages the way a client applies them: a sequenced event of the socket's current epoch must
 * be above the last seq it had (`contiguous`: exactly the next one), and only a snapshot may move it back. Returns
 * the epoch each event was counted in, for the check against the shared log.
 */
function checkSocket(
  messages: readonly ServerMessage[],
  start: Position | undefined,
  contiguous: boolean,
  where: string,
): Array<{ epoch?: string; message: ServerMessage & { seq: number } }> {
  let at = start;
  const counted: Array<{ epoch?: string; message: ServerMessage & { seq: number } }> = [];
  for (const message of messages) {
    if (message.type === 'snapshot') at = { epoch: message.epoch, seq: message.seq };
    else if (message.type === 'resumed') at = { epoch: at?.epoch, seq: message.seq };
    else if (
      'seq' in message &&
      typeof message.seq === 'number' &&
      message.seq > 0 &&
      message.type !== 'ack'
    ) {
      if (!at) throw new Error(`${where}: event seq ${message.seq} before any snapshot`);
      const expected = contiguous ? `seq ${at.seq + 1}` : `a seq above ${at.seq}`;
      if (contiguous ? message.seq !== at.seq + 1 : message.seq <= at.seq) {
        throw new Error(
          `${where}: got seq ${message.seq} (${message.type}) in epoch ${at.epoch} where ${expected} was due, with no snapshot first`,
        );
      }
      at = { epoch: at.epoch, seq: message.seq };
      counted.push({ epoch: at.epoch, message: message as ServerMessage & { seq: number } });
    }
  }
  return counted;
}

describe.each([
  { restartedWith: 'its data', keepData: true },
  { restartedWith: 'nothing', keepData: false },
])('Redis stopped under traffic on two nodes and restarted with $restartedWith', ({ keepData }) => {
  const room = 'outage-traffic';
  let redis: TestRedisServer;
  let a: TestApp;
  let b: TestApp;
  let inspect: Redis;
  const sockets: TestClient[] = [];
  const resumers: ResumingClient[] = [];
  let traffic: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    redis = await startRedisServer({ persistent: true });
    const env = { REDIS_URL: redis.url, JWT_SECRET: 'outage-test-secret-long-enough-123' };
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });

  afterAll(async () => {
    clearInterval(traffic);
    await Promise.all([
      ...sockets.map((client) => client.close()),
      ...resumers.map((client) => client.stop()),
    ]);
    await inspect?.quit().catch(() => inspect.disconnect());
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  async function mover(node: TestApp, user: string): Promise<TestClient> {
    const client = await TestClient.open(`${node.wsUrl}?ticket=${await node.ticketFor(user)}`);
    sockets.push(client);
    client.send({ type: 'join', room });
    await client.next('snapshot');
    return client;
  }

  async function resumer(node: TestApp, user: string): Promise<ResumingClient> {
    const wsBaseUrl = node.wsUrl.slice(0, -PulsePaths.websocket.length);
    const client = await ResumingClient.join({
      name: user,
      wsBaseUrl,
      room,
      ticket: ticketsThrough(node.httpUrl, await node.login(user)),
      reconnectDeadlineMs: 30_000,
    });
    resumers.push(client);
    return client;
  }

  const sequencedSince = (client: ResumingClient, from: number) =>
    client.timeline
      .slice(from)
      .filter(({ message }) => message.type !== 'snapshot' && message.type !== 'resumed').length;

  it('every client ends with every event or a resync, no socket sees seq go back without a snapshot first, and nobody gets INTERNAL', async () => {
    const alice = await mover(a, 'alice');
    const carol = await mover(b, 'carol');
    const dave = await resumer(a, 'dave');
    const erin = await resumer(b, 'erin');
    let step = 0;
    traffic = setInterval(() => {
      step++;
      alice.send({ type: 'move', room, ...boardCell(step) });
      carol.send({ type: 'move', room, ...boardCell(step + 1) });
    }, 15);
    await Promise.all([dave.appliedUpTo(20, 10_000), erin.appliedUpTo(20, 10_000)]);

    await redis.stop({ keepData });
    await waitFor(
      async () => (await readiness(a)) === 503 && (await readiness(b)) === 503,
      'both nodes to report not-ready',
    );
    const atStop = [dave.timeline.length, erin.timeline.length];
    await waitFor(
      async () => sequencedSince(dave, atStop[0]) >= 5 && sequencedSince(erin, atStop[1]) >= 5,
      'local-only moves on both nodes',
    );
    dave.drop();
    erin.drop();

    await redis.restart({ keepData });
    await waitFor(
      async () => (await readiness(a)) === 200 && (await readiness(b)) === 200,
      'both nodes ready again',
      15_000,
    );
    await waitFor(async () => dave.live && erin.live, 'both resuming clients back in the room', 15_000);
    const atReturn = [
      dave.timeline.length,
      erin.timeline.length,
      alice.received.length,
      carol.received.length,
    ];
    const crossNode = (client: TestClient, from: number, player: string) =>
      client.received.slice(from).some((m) => m.type === 'move' && m.player === player);
    await waitFor(
      async () =>
        sequencedSince(dave, atReturn[0]) >= 10 &&
        sequencedSince(erin, atReturn[1]) >= 10 &&
        crossNode(alice, atReturn[2], 'carol') &&
        crossNode(carol, atReturn[3], 'alice'),
      'cross-node traffic after the return',
      15_000,
    );
    clearInterval(traffic);
    await Promise.all([dave.settle(5000), erin.settle(5000), alice.settle(), carol.settle()]);

    for (const [name, messages] of [
      ['alice', alice.received],
      ['carol', carol.received],
    ] as const) {
      checkSocket(messages, undefined, false, name);
      expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    }

    inspect = new Redis(redis.url);
    const epoch = await inspect.get(`pulse:{${room}}:epoch`);
    const log = new Map<number, unknown>();
    for (const [id, fields] of await inspect.xrange(`pulse:{${room}}:history`, '-', '+'))
      log.set(Number(id.split('-')[0]), JSON.parse(fields[fields.indexOf('f') + 1]));
    for (const client of [dave, erin]) {
      const name = client === dave ? 'dave' : 'erin';
      expect(client.errors.map((e) => e.code)).not.toContain('INTERNAL');
      let start: Position | undefined;
      const connections = [...new Set(client.timeline.map(({ connection }) => connection))];
      expect(connections.length).toBeGreaterThanOrEqual(2);
      for (const connection of connections) {
        const messages = client.timeline
          .filter((entry) => entry.connection === connection)
          .map(({ message }) => message);
        const counted = checkSocket(messages, start, true, `${name} connection ${connection}`);
        for (const { epoch: countedIn, message } of counted) {
          if (countedIn === epoch && log.has(message.seq))
            expect({ seq: message.seq, event: message }).toEqual({
              seq: message.seq,
              event: log.get(message.seq),
            });
        }
        const last = [...messages].reverse().find((m) => m.type === 'snapshot') as
          ServerMessageOf<'snapshot'> | undefined;
        start =
          counted.length > 0
            ? { epoch: counted[counted.length - 1].epoch, seq: counted[counted.length - 1].message.seq }
            : last
              ? { epoch: last.epoch, seq: last.seq }
              : start;
      }
      const afterReturn = client.timeline
        .filter(({ connection }) => connection === connections[connections.length - 1])
        .map(({ message }) => message);
      expect(
        afterReturn[0].type === 'resumed' ||
          (afterReturn[0].type === 'snapshot' && afterReturn[0].resync === true) ||
          afterReturn.some((m) => m.type === 'resumed' || m.type === 'snapshot'),
      ).toBe(true);
    }
  });
});
