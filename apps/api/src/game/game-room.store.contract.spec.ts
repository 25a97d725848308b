import {
  ConnectionRegistry,
  DEFAULT_HISTORY_LIMITS,
  InMemoryRoomHistory,
  LocalRoomBus,
  RoomsService,
  type RoomEvent,
} from '@pulse/gateway';
import { describeWithRedis } from '@pulse/testing';
import { PublishedLog, type Published } from '../testing/published-log';
import type { GameRoomStore } from './game-room.store';
import { InMemoryGameRoomStore } from './in-memory-game-room.store';
import { RedisGameRoomStore } from './redis-game-room.store';

interface Harness {
  store: GameRoomStore;
  /** Every event the store published to `room`, in publish order. */
  published(room: string, count: number): Promise<Published[]>;
}

const alice = { id: 'alice', name: 'Alice' };
const bob = { id: 'bob', name: 'Bob' };

/** The single-node bus, also writing down what it carries. */
class RecordingBus extends LocalRoomBus {
  constructor(
    private readonly log: PublishedLog,
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
  const log = new PublishedLog();
  const history = new InMemoryRoomHistory();
  const bus = new RecordingBus(log, history);
  const rooms = new RoomsService(new ConnectionRegistry(), bus);
  return { store: new InMemoryGameRoomStore(rooms, history), published: (room, count) => log.take(room, count) };
});

describeWithRedis('with a real Redis', (redis) => {
  gameRoomStoreContract('RedisGameRoomStore', async () => {
    const [command, subscriber] = [await redis.client(), await redis.client()];
    await command.flushall();
    const log = await PublishedLog.fromRedis(subscriber);
    return {
      store: new RedisGameRoomStore(command, { presenceTtlMs: 60_000, shardedPubSub: false, history: DEFAULT_HISTORY_LIMITS }),
      published: (room, count) => log.take(room, count),
    };
  });

  it('takes offline the players of a node that stopped refreshing, once their presence expires', async () => {
    const [deadNodeRedis, liveNodeRedis] = [await redis.client(), await redis.client()];
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
