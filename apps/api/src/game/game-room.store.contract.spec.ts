import {
  ConnectionRegistry,
  decodeRoomEvent,
  DEFAULT_HISTORY_LIMITS,
  InMemoryRoomHistory,
  LocalRoomBus,
  roomChannel,
  RoomsService,
  type RoomEvent,
} from '@pulse/gateway';
import type { ServerMessage } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { Redis } from 'ioredis';
import type { GameRoomStore } from './game-room.store';
import { InMemoryGameRoomStore } from './in-memory-game-room.store';
import { RedisGameRoomStore } from './redis-game-room.store';

interface Published {
  seq: number;
  except?: string;
  message: ServerMessage;
}

interface Harness {
  store: GameRoomStore;
  /** Every event the store published to `room`, in publish order. */
  published(room: string, count: number): Promise<Published[]>;
}

const alice = { id: 'alice', name: 'Alice' };
const bob = { id: 'bob', name: 'Bob' };

class EventLog {
  private readonly events = new Map<string, Published[]>();
  private readonly waiters: Array<() => void> = [];

  add(room: string, event: RoomEvent): void {
    const list = this.events.get(room) ?? [];
    list.push({ seq: event.seq, except: event.except, message: JSON.parse(event.frame) as ServerMessage });
    this.events.set(room, list);
    for (const wake of this.waiters.splice(0)) wake();
  }

  async take(room: string, count: number): Promise<Published[]> {
    const deadline = Date.now() + 5000;
    while ((this.events.get(room)?.length ?? 0) < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.events.get(room)?.length ?? 0} of ${count} events in ${room}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return (this.events.get(room) ?? []).slice(0, count);
  }
}

/** The single-node bus, also writing down what it carries. */
class RecordingBus extends LocalRoomBus {
  constructor(
    private readonly log: EventLog,
    history: InMemoryRoomHistory,
  ) {
    super(history);
  }

  override async publish(room: string, event: RoomEvent): Promise<void> {
    this.log.add(room, event);
    await super.publish(room, event);
  }
}

/** One contract for every game store: both pass it, the Redis one against a real server. */
function gameRoomStoreContract(name: string, setup: () => Promise<Harness>) {
  describe(`${name} (GameRoomStore contract)`, () => {
    let harness: Harness;
    beforeEach(async () => (harness = await setup()));

    it('brings a first connection online, announced to the others with the next seq', async () => {
      const snapshot = await harness.store.join('c1', alice, 'conn-a');
      expect(snapshot).toMatchObject({ type: 'snapshot', room: 'c1', self: 'alice', seq: 1 });
      expect(snapshot.players).toEqual([expect.objectContaining({ id: 'alice', name: 'Alice', online: true })]);
      const [online] = await harness.published('c1', 1);
      expect(online).toMatchObject({ seq: 1, except: 'conn-a', message: { type: 'presence', player: 'alice', status: 'online', seq: 1 } });
    });

    it('moves a joined player with increasing seqs and refuses an unknown one', async () => {
      await harness.store.join('c2', alice, 'conn-a');
      await expect(harness.store.move('c2', 'alice', 10, 20.5, 'conn-a')).resolves.toBe(2);
      await expect(harness.store.move('c2', 'alice', 11, 20, 'conn-a')).resolves.toBe(3);
      await expect(harness.store.move('c2', 'mallory', 1, 1, 'conn-m')).resolves.toBeNull();
      const events = await harness.published('c2', 3);
      expect(events[1]).toEqual({ seq: 2, except: 'conn-a', message: { type: 'move', room: 'c2', player: 'alice', x: 10, y: 20.5, seq: 2 } });
      const snapshot = await harness.store.snapshot('c2', 'bob');
      expect(snapshot.players).toEqual([{ id: 'alice', name: 'Alice', x: 11, y: 20, online: true }]);
      expect(snapshot.seq).toBe(3);
    });

    it('takes a player offline only when their last connection leaves, and keeps their position', async () => {
      await harness.store.join('c3', alice, 'tab-1');
      await harness.store.join('c3', alice, 'tab-2');
      await harness.store.join('c3', bob, 'conn-b');
      await harness.store.move('c3', 'alice', 5, 5, 'tab-1');
      await harness.store.leave('c3', 'tab-1');
      await harness.store.leave('c3', 'tab-2');
      await harness.store.leave('c3', 'tab-2');
      const events = await harness.published('c3', 4);
      expect(events.map((e) => e.message.type)).toEqual(['presence', 'presence', 'move', 'presence']);
      expect(events[3]).toMatchObject({ except: 'tab-2', message: { player: 'alice', status: 'offline', seq: 4 } });
      const back = await harness.store.join('c3', alice, 'tab-3');
      expect(back.players.find((p) => p.id === 'alice')).toEqual({ id: 'alice', name: 'Alice', x: 5, y: 5, online: true });
      expect(back.players.map((p) => p.id)).toEqual(['alice', 'bob']);
    });

    it('keeps live presence when expired entries are reaped', async () => {
      await harness.store.join('c4', alice, 'conn-a');
      await harness.store.refresh([{ room: 'c4', connectionId: 'conn-a' }]);
      await harness.store.reapExpired();
      const snapshot = await harness.store.snapshot('c4', 'alice');
      expect(snapshot.players[0].online).toBe(true);
    });
  });
}

gameRoomStoreContract('InMemoryGameRoomStore', async () => {
  const log = new EventLog();
  const history = new InMemoryRoomHistory();
  const bus = new RecordingBus(log, history);
  const rooms = new RoomsService(new ConnectionRegistry(), bus);
  return { store: new InMemoryGameRoomStore(rooms, history), published: (room, count) => log.take(room, count) };
});

describe('with a real Redis', () => {
  let server: TestRedisServer;
  const clients: Redis[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    await server.stop();
  });

  gameRoomStoreContract('RedisGameRoomStore', async () => {
    const command = new Redis(server.url);
    const subscriber = new Redis(server.url);
    clients.push(command, subscriber);
    await command.flushall();
    const log = new EventLog();
    subscriber.on('pmessage', (_pattern: string, channel: string, payload: string) => {
      const event = decodeRoomEvent(payload);
      const room = /^pulse:\{(.+)\}:events$/.exec(channel)?.[1];
      if (event && room) log.add(room, event);
    });
    await subscriber.psubscribe(roomChannel('*'));
    return {
      store: new RedisGameRoomStore(command, { presenceTtlMs: 60_000, shardedPubSub: false, history: DEFAULT_HISTORY_LIMITS }),
      published: (room, count) => log.take(room, count),
    };
  });

  it('takes offline the players of a node that stopped refreshing, once their presence expires', async () => {
    const [deadNodeRedis, liveNodeRedis] = [new Redis(server.url), new Redis(server.url)];
    clients.push(deadNodeRedis, liveNodeRedis);
    await Promise.all([deadNodeRedis.ping(), liveNodeRedis.ping()]);
    let now = 1_000_000;
    const clock = () => now;
    const deadNode = new RedisGameRoomStore(deadNodeRedis, { presenceTtlMs: 1000, shardedPubSub: false, now: clock, history: DEFAULT_HISTORY_LIMITS });
    const liveNode = new RedisGameRoomStore(liveNodeRedis, { presenceTtlMs: 1000, shardedPubSub: false, now: clock, history: DEFAULT_HISTORY_LIMITS });
    await deadNode.join('dead-node', alice, 'conn-dead');
    await liveNode.join('dead-node', bob, 'conn-live');
    now += 999;
    await liveNode.reapExpired();
    expect((await liveNode.snapshot('dead-node', 'bob')).players.every((p) => p.online)).toBe(true);
    await liveNode.refresh([{ room: 'dead-node', connectionId: 'conn-live' }]);
    now += 2;
    await liveNode.reapExpired();
    const players = (await liveNode.snapshot('dead-node', 'bob')).players;
    expect(players.find((p) => p.id === 'alice')?.online).toBe(false);
    expect(players.find((p) => p.id === 'bob')?.online).toBe(true);
  });
});
