import type { AuthenticatedUser } from '@pulse/auth';
import {
  ConnectionRegistry,
  LocalRoomBus,
  NodeLiveness,
  PulseMetrics,
  RoomsService,
  type HeartbeatService,
  type OutboundFrame,
  type RealtimeConnection,
} from '@pulse/gateway';
import { ADMIN_CONSOLE_ROOM, type ServerMessage, type ServerMessageOf } from '@pulse/protocol';
import { AdminConsoleFeed } from './admin-console.feed';
import { readMetrics } from './metric-reading';

/** A watcher's connection: records the frames it is handed. */
class RecordingConnection implements RealtimeConnection {
  readonly rooms = new Set<string>();
  readonly transport = 'ws' as const;
  readonly received: ServerMessage[] = [];

  constructor(
    readonly id: string,
    readonly user: AuthenticatedUser,
  ) {}

  send(message: ServerMessage): void {
    this.received.push(message);
  }

  sendFrame(frame: OutboundFrame): void {
    this.received.push(frame.message);
  }

  close(): void {
    return undefined;
  }

  markAlive(): void {
    return undefined;
  }

  checkAlive(): boolean {
    return true;
  }

  terminate(): void {
    return undefined;
  }

  setBatching(): boolean {
    return false;
  }
}

function gateway() {
  const connections = new ConnectionRegistry();
  // the heartbeat's only figure the registry reads is how many connections it terminated
  const metrics = new PulseMetrics(
    connections,
    { terminated: 0 } as HeartbeatService,
    null,
    new NodeLiveness(null, connections),
  );
  const rooms = new RoomsService(connections, new LocalRoomBus(), metrics, null);
  return { connections, metrics, rooms };
}

const dave: AuthenticatedUser = { id: 'dave', name: 'Dave', roles: ['admin'] } as AuthenticatedUser;

describe('readMetrics', () => {
  it("reads the gateway's figures from its registry, as a scrape renders them", async () => {
    const { metrics, connections } = gateway();
    connections.add(new RecordingConnection('c1', dave));
    metrics.messagesIn.addTo('move', 3);
    metrics.messagesIn.addTo('chat', 2);
    metrics.deliveries.add(7);
    metrics.closes.addTo('1000', 2);
    metrics.upgradesRefused.inc({ reason: 'ticket-invalid' });
    metrics.fanoutSeconds.observe(0.0002);
    const reading = await readMetrics(metrics.registry, 1234);
    expect(reading).toMatchObject({
      at: 1234,
      messagesIn: 5,
      deliveries: 7,
      closes: { '1000': 2 },
      refusedUpgrades: { 'ticket-invalid': 1 },
      connections: { ws: 1, 'socket.io': 0 },
      redisUp: false,
      redisProbes: 0,
    });
    expect(reading.fanoutBuckets.find((bucket) => bucket.le === 0.00025)?.count).toBe(1);
    expect(reading.fanoutBuckets.at(-1)).toEqual({ le: Infinity, count: 1 });
    // a second read sees the same totals (the hot counters are flushed into prom-client, not reset)
    await expect(readMetrics(metrics.registry, 1235)).resolves.toMatchObject({
      messagesIn: 5,
      closes: { '1000': 2 },
    });
  });
});

describe('AdminConsoleFeed', () => {
  it("publishes the interval's figures to admin:console, where a watcher gets them", async () => {
    const { metrics, rooms } = gateway();
    let now = 10_000;
    const feed = new AdminConsoleFeed(
      metrics,
      rooms,
      { intervalMs: 60_000, nodeId: 'node-a' },
      () => now,
      null,
    );
    await feed.onApplicationBootstrap();
    const watcher = new RecordingConnection('w1', dave);
    await rooms.beginJoin(watcher, ADMIN_CONSOLE_ROOM);
    rooms.completeJoin(watcher, ADMIN_CONSOLE_ROOM, 0);

    metrics.messagesIn.addTo('move', 40);
    now += 2000;
    const sample = await feed.tick();
    expect(sample).toMatchObject({
      node: 'node-a',
      at: 12_000,
      intervalSeconds: 2,
      messagesInPerSecond: 20,
      redis: null,
    });
    expect(sample.rooms).toEqual([{ name: ADMIN_CONSOLE_ROOM, members: 1 }]);
    expect(feed.latest).toBe(sample);
    expect(watcher.received).toEqual([sample]);

    // the next interval counts only what came after the previous sample
    now += 1000;
    const next = await feed.tick();
    expect(next.messagesInPerSecond).toBe(0);
    expect((watcher.received as ServerMessageOf<'console-sample'>[]).map((s) => s.at)).toEqual([
      12_000, 13_000,
    ]);
    await feed.onModuleDestroy();
  });
});
