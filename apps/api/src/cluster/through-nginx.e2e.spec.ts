import { PulsePaths, type LoginResponse, type TicketResponse } from '@pulse/protocol';
import { startRedisServer } from '@pulse/testing';
import { startNodes, type NodeProcess, type NodeProcessEnv } from '../testing/cluster-processes';
import { ipHashPeer, loopbackAddressFor, startTestNginx, type TestNginx } from '../testing/nginx';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { TestClient } from '../testing/test-client';

/**
 * Real processes: a private redis-server, built Pulse nodes and nginx with the repository's config (ip_hash).
 * Local clients all come from 127.0.0.1, so a test that wants players on different nodes binds each client to
 * a loopback address that nginx hashes to the node it wants, and checks where it landed with the nodes' /healthz.
 */

const SECRET = 'through-nginx-test-secret-long-enough-for-hs256';
const ROOM = 'arena';
/** Ample for a few process starts on a loaded machine; every wait inside is bounded on its own. */
const TEST_TIMEOUT_MS = 60_000;

interface Cluster {
  readonly nodes: NodeProcess[];
  readonly nginx: TestNginx;
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startCluster(nodeCount: number, env: Partial<NodeProcessEnv> = {}): Promise<Cluster> {
  const redis = await startRedisServer();
  cleanups.push(() => redis.stop());
  const nodes = await startNodes(nodeCount, { ...env, REDIS_URL: redis.url, JWT_SECRET: SECRET });
  cleanups.push(() => Promise.all(nodes.map((node) => node.stop())).then(() => undefined));
  const nginx = await startTestNginx(
    nodes.map((node) => node.address),
    Number(env.HEARTBEAT_INTERVAL_MS ?? 30_000),
  );
  cleanups.push(() => nginx.stop());
  return { nodes, nginx };
}

/** Dev login and a fresh single-use ticket, through whatever `baseUrl` is (nginx or one node). */
async function ticketFor(baseUrl: string, username: string): Promise<string> {
  const login = await fetch(`${baseUrl}${PulsePaths.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'pulse' }),
  });
  if (login.status !== 200) throw new Error(`login of ${username} at ${baseUrl} answered ${login.status}`);
  const { accessToken } = (await login.json()) as LoginResponse;
  const ticket = await fetch(`${baseUrl}${PulsePaths.ticket}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (ticket.status !== 200)
    throw new Error(`ticket for ${username} at ${baseUrl} answered ${ticket.status}`);
  return ((await ticket.json()) as TicketResponse).ticket;
}

/** Opens a native socket at `wsBase` (nginx or a node) from `localAddress`, and joins ROOM. */
async function joinVia(wsBase: string, ticket: string, localAddress?: string): Promise<TestClient> {
  const client = await TestClient.open(
    `${wsBase}${PulsePaths.websocket}?ticket=${ticket}`,
    localAddress ? { localAddress } : {},
  );
  cleanups.push(() => client.socket.terminate());
  client.send({ type: 'join', room: ROOM });
  return client;
}

async function connectionsOn(node: NodeProcess): Promise<number> {
  const response = await fetch(`${node.httpUrl}${PulsePaths.health}`);
  return ((await response.json()) as { connections: number }).connections;
}

function movesIn(messages: readonly { type: string }[]): readonly { type: string }[] {
  return messages.filter((message) => message.type === 'move');
}

describe('a Pulse cluster behind nginx (real processes)', () => {
  it(
    'plays the three-player timeline with each player on another node',
    async () => {
      const { nodes, nginx } = await startCluster(3);
      const from = [0, 1, 2].map((peer) => loopbackAddressFor(peer, nodes.length));

      const a = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'alice'), from[0]);
      await a.next('snapshot');
      const b = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'bob'), from[1]);
      await b.next('snapshot');
      await a.next('presence', (m) => m.player === 'bob' && m.status === 'online');
      const c = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'carol'), from[2]);
      expect((await c.next('snapshot')).players.map((p) => p.id)).toEqual(['alice', 'bob', 'carol']);
      await a.next('presence', (m) => m.player === 'carol' && m.status === 'online');
      await b.next('presence', (m) => m.player === 'carol' && m.status === 'online');
      // Sticky by source address: one player per node, so every step below crosses nodes through Redis.
      expect(await Promise.all(nodes.map(connectionsOn))).toEqual([1, 1, 1]);

      // Time 0: A moves; B and C see it, A gets no echo.
      a.send({ type: 'move', room: ROOM, x: 10, y: 20 });
      const seenByB = await b.next('move');
      expect(seenByB).toMatchObject({ player: 'alice', x: 10, y: 20 });
      await expect(c.next('move')).resolves.toEqual(seenByB);
      expect(movesIn(await a.settle())).toEqual([]);

      // Time 1: B moves; A and C see it, after A's move.
      b.send({ type: 'move', room: ROOM, x: 5, y: 15 });
      const seenByA = await a.next('move');
      expect(seenByA).toMatchObject({ player: 'bob', x: 5, y: 15, seq: seenByB.seq + 1 });
      await expect(c.next('move')).resolves.toEqual(seenByA);
      expect(movesIn(await b.settle())).toEqual([]);

      // Time 2: C disconnects; A and B see C offline.
      await c.close();
      await expect(a.next('presence', (m) => m.player === 'carol')).resolves.toMatchObject({
        status: 'offline',
      });
      await expect(b.next('presence', (m) => m.player === 'carol')).resolves.toMatchObject({
        status: 'offline',
      });

      // Time 3: A moves; B sees it.
      a.send({ type: 'move', room: ROOM, x: 30, y: 22 });
      const last = await b.next('move');
      expect(last).toMatchObject({ player: 'alice', x: 30, y: 22 });

      // Time 4: C reconnects with a new ticket and gets the latest state.
      const again = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'carol'), from[2]);
      const snapshot = await again.next('snapshot');
      expect(snapshot.seq).toBeGreaterThan(last.seq);
      expect(snapshot.players).toEqual([
        expect.objectContaining({ id: 'alice', x: 30, y: 22, online: true }),
        expect.objectContaining({ id: 'bob', x: 5, y: 15, online: true }),
        expect.objectContaining({ id: 'carol', online: true }),
      ]);
      await expect(a.next('presence', (m) => m.player === 'carol')).resolves.toMatchObject({
        status: 'online',
      });
      await expect(b.next('presence', (m) => m.player === 'carol')).resolves.toMatchObject({
        status: 'online',
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'serves Socket.IO over long-polling only, sticky through nginx, next to a native client on another node',
    async () => {
      const { nodes, nginx } = await startCluster(3);
      const pollingPeer = ipHashPeer('127.0.0.1', nodes.length);
      const nativePeer = (pollingPeer + 1) % nodes.length;

      const polling = await SocketIoTestClient.connect(nginx.url, await ticketFor(nginx.url, 'alice'), [
        'polling',
      ]);
      cleanups.push(() => void polling.close());
      polling.emit({ type: 'join', room: ROOM });
      await polling.next('snapshot');

      const native = await joinVia(
        nginx.wsBaseUrl,
        await ticketFor(nginx.url, 'bob'),
        loopbackAddressFor(nativePeer, nodes.length),
      );
      await native.next('snapshot');
      await polling.next('presence', (m) => m.player === 'bob' && m.status === 'online');
      const connections = await Promise.all(nodes.map(connectionsOn));
      expect([connections[pollingPeer], connections[nativePeer]]).toEqual([1, 1]);

      native.send({ type: 'move', room: ROOM, x: 11, y: 12 });
      await expect(polling.next('move')).resolves.toMatchObject({ player: 'bob', x: 11, y: 12 });
      polling.emit({ type: 'move', room: ROOM, x: 13, y: 14 });
      await expect(native.next('move')).resolves.toMatchObject({ player: 'alice', x: 13, y: 14 });
      expect(polling.socket.io.engine.transport.name).toBe('polling');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "takes a killed node's players offline within the documented 10 s, and they come back on a survivor with the state",
    async () => {
      const presenceTtlMs = 800;
      /** What docs/scaling.md promises for a crashed node's players (about 4 s by node liveness, 10 s at most). */
      const offlineBoundMs = 10_000;
      const { nodes, nginx } = await startCluster(3, {
        HEARTBEAT_INTERVAL_MS: '200',
        PRESENCE_TTL_MS: String(presenceTtlMs),
      });
      const [survivor, doomed, other] = nodes;
      const survivorAddress = loopbackAddressFor(0, nodes.length);
      const doomedAddress = loopbackAddressFor(1, nodes.length);

      const alice = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'alice'), survivorAddress);
      await alice.next('snapshot');
      const bob = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'bob'), doomedAddress);
      await bob.next('snapshot');
      const carol = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'carol'), doomedAddress);
      await carol.next('snapshot');
      for (const player of ['bob', 'carol'])
        await alice.next('presence', (m) => m.player === player && m.status === 'online');
      expect(await Promise.all([connectionsOn(survivor), connectionsOn(doomed)])).toEqual([1, 2]);
      alice.send({ type: 'move', room: ROOM, x: 3, y: 4, id: 'before' });
      await alice.next('ack', (m) => m.id === 'before');

      const killedAt = Date.now();
      await doomed.kill();
      await Promise.all([bob.closed, carol.closed]);
      for (const player of ['bob', 'carol']) {
        await expect(alice.next('presence', (m) => m.player === player)).resolves.toMatchObject({
          status: 'offline',
        });
      }
      expect(Date.now() - killedAt).toBeLessThanOrEqual(offlineBoundMs);

      alice.send({ type: 'move', room: ROOM, x: 7, y: 8, id: 'after' });
      await alice.next('ack', (m) => m.id === 'after');

      // Bob comes back the way he came: nginx finds his node dead and re-hashes him onto a survivor.
      const bobAgain = await joinVia(nginx.wsBaseUrl, await ticketFor(nginx.url, 'bob'), doomedAddress);
      expect((await bobAgain.next('snapshot')).players).toEqual([
        expect.objectContaining({ id: 'alice', x: 7, y: 8, online: true }),
        expect.objectContaining({ id: 'bob', online: true }),
        expect.objectContaining({ id: 'carol', online: false }),
      ]);
      // Carol goes straight to another surviving node, with a ticket that node minted.
      const carolAgain = await joinVia(
        other.httpUrl.replace(/^http/, 'ws'),
        await ticketFor(other.httpUrl, 'carol'),
      );
      expect((await carolAgain.next('snapshot')).players).toEqual([
        expect.objectContaining({ id: 'alice', x: 7, y: 8, online: true }),
        expect.objectContaining({ id: 'bob', online: true }),
        expect.objectContaining({ id: 'carol', online: true }),
      ]);
      for (const player of ['bob', 'carol'])
        await alice.next('presence', (m) => m.player === player && m.status === 'online');
      expect((await connectionsOn(survivor)) + (await connectionsOn(other))).toBe(3);
    },
    TEST_TIMEOUT_MS,
  );
});
