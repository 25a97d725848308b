import {
  DEFAULT_HISTORY_LIMITS,
  InMemoryRoomHistory,
  InMemorySequencedRoom,
  LocalRoomBus,
  RedisSequencedRoom,
  type HistoryLimits,
  type RoomEvent,
} from '@pulse/gateway';
import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import type { Cluster, Redis } from 'ioredis';
import { PublishedLog, type Published } from '../testing/published-log';
import type { GameRoomStore } from './game-room.store';
import { InMemoryGameRoomStore } from './in-memory-game-room.store';
import { RedisGameRoomStore, type RedisGameRoomStoreOptions } from './redis-game-room.store';

interface Harness {
  store: GameRoomStore;
  /** Every event the store published to `room`, in publish order. */
  published(room: string, count: number): Promise<Published[]>;
}

const alice = { id: 'alice', name: 'Alice' };
const bob = { id: 'bob', name: 'Bob' };

/** The single-node bus, also writing down what it carries. */
class RecordingBus extends LocalRoomBus {
  constructor(private readonly log: PublishedLog) {
    super();
  }

  override async publish(room: string, event: RoomEvent): Promise<void> {
    this.log.add(room, event);
    await super.publish(room, event);
  }
}

interface ExpiryOptions {
  readonly playerRetentionMs?: number;
}

/** One contract for every game store: both pass it, the Redis one against a real server. */
function gameRoomStoreContract(name: string, setup: (options?: ExpiryOptions) => Promise<Harness>) {
  describe(`${name} (GameRoomStore contract)`, () => {
    let harness: Harness;
    beforeEach(async () => (harness = await setup()));

    it('lists a player who left within the retention, back where they were, and forgets one who left before it', async () => {
      const short = await setup({ playerRetentionMs: 400 });
      await short.store.join('r1', alice, 'conn-a');
      await short.store.join('r1', bob, 'conn-b');
      await short.store.move('r1', 'alice', 3, 4, 'conn-a');
      await short.store.leave('r1', 'conn-a');
      expect((await short.store.snapshot('r1', 'bob')).players).toEqual([
        { id: 'alice', name: 'Alice', x: 3, y: 4, online: false },
        expect.objectContaining({ id: 'bob', online: true }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await short.store.snapshot('r1', 'bob')).players.map((p) => p.id)).toEqual(['bob']);
      const back = await short.store.join('r1', alice, 'conn-a2');
      expect(back.players.find((p) => p.id === 'alice')).toMatchObject({ online: true });
      expect(back.players.find((p) => p.id === 'alice')).not.toMatchObject({ x: 3, y: 4 });
    });

    it('keeps a returning player within the retention where they were', async () => {
      const long = await setup({ playerRetentionMs: 60_000 });
      await long.store.join('r2', alice, 'conn-a');
      await long.store.move('r2', 'alice', 7, 8, 'conn-a');
      await long.store.leave('r2', 'conn-a');
      const back = await long.store.join('r2', alice, 'conn-a2');
      expect(back.players).toEqual([{ id: 'alice', name: 'Alice', x: 7, y: 8, online: true }]);
    });

    it('brings a first connection online, announced to the others with the next seq', async () => {
      const snapshot = await harness.store.join('c1', alice, 'conn-a');
      expect(snapshot).toMatchObject({ type: 'snapshot', room: 'c1', self: 'alice', seq: 1 });
      expect(snapshot.players).toEqual([
        expect.objectContaining({ id: 'alice', name: 'Alice', online: true }),
      ]);
      const [online] = await harness.published('c1', 1);
      expect(online).toMatchObject({
        seq: 1,
        except: 'conn-a',
        message: { type: 'presence', player: 'alice', status: 'online', seq: 1 },
      });
    });

    it('moves a joined player with increasing seqs and refuses an unknown one', async () => {
      await harness.store.join('c2', alice, 'conn-a');
      await expect(harness.store.move('c2', 'alice', 10, 20.5, 'conn-a')).resolves.toBe(2);
      await expect(harness.store.move('c2', 'alice', 11, 20, 'conn-a')).resolves.toBe(3);
      await expect(harness.store.move('c2', 'mallory', 1, 1, 'conn-m')).resolves.toBeNull();
      const events = await harness.published('c2', 3);
      expect(events[1]).toEqual({
        seq: 2,
        except: 'conn-a',
        message: { type: 'move', room: 'c2', player: 'alice', x: 10, y: 20.5, seq: 2 },
      });
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
      expect(events[3]).toMatchObject({
        except: 'tab-2',
        message: { player: 'alice', status: 'offline', seq: 4 },
      });
      const back = await harness.store.join('c3', alice, 'tab-3');
      expect(back.players.find((p) => p.id === 'alice')).toEqual({
        id: 'alice',
        name: 'Alice',
        x: 5,
        y: 5,
        online: true,
      });
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

gameRoomStoreContract('InMemoryGameRoomStore', async (options = {}) => {
  const log = new PublishedLog();
  const sequenced = new InMemorySequencedRoom(new RecordingBus(log));
  return {
    store: new InMemoryGameRoomStore(sequenced, options),
    published: (room, count) => log.take(room, count),
  };
});

describe('InMemoryGameRoomStore expiry', () => {
  it('drops rooms with no members and no events past the idle expiry, and keeps rooms with members', async () => {
    let now = 1_000_000;
    const history = new InMemoryRoomHistory(DEFAULT_HISTORY_LIMITS, () => now);
    const sequenced = new InMemorySequencedRoom(new LocalRoomBus(), history);
    const store = new InMemoryGameRoomStore(sequenced, { roomIdleExpiryMs: 10_000, now: () => now });
    for (let i = 0; i < 2000; i++) {
      await store.join(`room-${i}`, alice, `conn-${i}`);
      await store.move(`room-${i}`, 'alice', 1, 1, `conn-${i}`);
      await store.leave(`room-${i}`, `conn-${i}`);
    }
    await store.join('lived-in', bob, 'conn-b');
    const epochBefore = await history.epoch('room-1');
    expect(store.roomCount).toBe(2001);
    now += 10_000;
    store.dropIdleRooms();
    expect(store.roomCount).toBe(1);
    expect((await store.snapshot('lived-in', 'bob')).players).toEqual([
      expect.objectContaining({ id: 'bob', online: true }),
    ]);
    expect(await history.epoch('room-1')).not.toBe(epochBefore);
  });
});

/** A Redis game store over its own sequenced room (both stateless: every node builds the same). */
function redisStore(
  command: Redis | Cluster,
  options: RedisGameRoomStoreOptions,
  {
    history = DEFAULT_HISTORY_LIMITS,
    shardedPubSub = false,
  }: { history?: HistoryLimits; shardedPubSub?: boolean } = {},
): RedisGameRoomStore {
  return new RedisGameRoomStore(
    command,
    new RedisSequencedRoom(command, { shardedPubSub, history }),
    options,
  );
}

/** Every key on every primary (one Redis, or each primary of a cluster). */
async function keyCount(client: Redis | Cluster): Promise<number> {
  const primaries =
    'nodes' in client && typeof client.nodes === 'function'
      ? (client as Cluster).nodes('master')
      : [client as Redis];
  const sizes = await Promise.all(primaries.map((primary) => primary.dbsize()));
  return sizes.reduce((sum, size) => sum + size, 0);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Thousands of rooms created and left leave no key behind once idle for ROOM_IDLE_EXPIRY_MS. */
async function expectIdleRoomsLeaveNoKey(command: Redis | Cluster): Promise<void> {
  const history = { ...DEFAULT_HISTORY_LIMITS, roomIdleExpiryMs: 4000, maxAgeMs: 4000 };
  const store = redisStore(command, { presenceTtlMs: 60_000 }, { history });
  const rooms = Array.from({ length: 2000 }, (_, i) => `idle-${i}`);
  for (let i = 0; i < rooms.length; i += 100) {
    await Promise.all(
      rooms.slice(i, i + 100).map(async (room) => {
        await store.join(room, alice, `conn-${room}`);
        await store.move(room, 'alice', 2, 2, `conn-${room}`);
        await store.leave(room, `conn-${room}`);
      }),
    );
  }
  await store.reapExpired();
  // The last rooms' seq, players, history and epoch are still there (the first may already have gone).
  expect(await keyCount(command)).toBeGreaterThanOrEqual(400);
  await waitUntil(async () => (await keyCount(command)) === 0, 30_000);
}

describeWithRedis('with a real Redis', (redis) => {
  gameRoomStoreContract('RedisGameRoomStore', async (options = {}) => {
    const [command, subscriber] = [await redis.client(), await redis.client()];
    await command.flushall();
    const log = await PublishedLog.fromRedis(subscriber);
    return {
      store: redisStore(command, { presenceTtlMs: 60_000, ...options }),
      published: (room, count) => log.take(room, count),
    };
  });

  it('lets 2000 idle rooms expire to no key at all', async () => {
    const command = await redis.client();
    await command.flushall();
    await expectIdleRoomsLeaveNoKey(command);
  }, 60_000);

  it('takes offline the players of a node that stopped refreshing, once their presence expires', async () => {
    const [deadNodeRedis, liveNodeRedis] = [await redis.client(), await redis.client()];
    let now = 1_000_000;
    const clock = () => now;
    const deadNode = redisStore(deadNodeRedis, { presenceTtlMs: 1000, now: clock });
    const liveNode = redisStore(liveNodeRedis, { presenceTtlMs: 1000, now: clock });
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

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  async function flushed(): Promise<Cluster> {
    const command = await redis.client();
    await Promise.all(command.nodes('master').map((primary) => primary.flushall()));
    return command;
  }

  gameRoomStoreContract('RedisGameRoomStore over a cluster', async (options = {}) => {
    const [command, subscriber] = [await flushed(), await redis.client()];
    const log = await PublishedLog.fromRedis(subscriber);
    return {
      store: redisStore(command, { presenceTtlMs: 60_000, ...options }),
      published: (room, count) => log.take(room, count),
    };
  });

  it('refreshes and reaps presence of rooms on every shard, and counts them for the lobby', async () => {
    const command = await flushed();
    let now = 1_000_000;
    const store = redisStore(command, { presenceTtlMs: 1000, now: () => now }, { shardedPubSub: true });
    const rooms = Array.from({ length: 30 }, (_, i) => `shard-room-${i}`);
    const owners = new Set(
      await Promise.all(rooms.map((room) => redis.cluster.primaryOf(`pulse:{${room}}:seq`))),
    );
    expect(owners.size).toBe(3);
    for (const room of rooms) await store.join(room, alice, `a-${room}`);
    for (const room of rooms) await store.join(room, bob, `b-${room}`);
    now += 900;
    await store.refresh(rooms.map((room) => ({ room, connectionId: `a-${room}` })));
    now += 200;
    await store.reapExpired();
    const counts = await store.onlineCounts();
    expect(counts.sort((x, y) => x.room.localeCompare(y.room))).toEqual(
      rooms.map((room) => ({ room, online: 1 })).sort((x, y) => x.room.localeCompare(y.room)),
    );
    const players = (await store.snapshot('shard-room-7', 'alice')).players;
    expect(players.map((p) => [p.id, p.online])).toEqual([
      ['alice', true],
      ['bob', false],
    ]);
  });

  it('lets 2000 idle rooms expire to no key on any shard', async () => {
    await expectIdleRoomsLeaveNoKey(await flushed());
  }, 60_000);
});
