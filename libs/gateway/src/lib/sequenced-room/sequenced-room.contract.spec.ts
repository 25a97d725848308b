import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import type { Cluster } from 'ioredis';
import { LocalRoomBus } from '../fanout/local-room.bus';
import { decodeRoomEvent, roomChannel, roomKey, type RoomEvent } from '../fanout/room-event';
import { InMemoryRoomHistory } from '../history/in-memory-room.history';
import { RedisRoomHistory } from '../history/redis-room.history';
import { DEFAULT_HISTORY_LIMITS, type RoomHistory } from '../history/room-history';
import type { RedisClient } from '../redis/redis-target';
import { InMemorySequencedRoom } from './in-memory-sequenced-room';
import { RedisRoomChange } from './redis-room-script';
import { RedisSequencedRoom } from './redis-sequenced-room';
import type { SequencedRoom, StateChange } from './sequenced-room';

/** What reached the bus for each room, in order; `take` waits for a count. */
class Published {
  private readonly events = new Map<string, RoomEvent[]>();
  private readonly waiters = new Set<() => void>();

  add(room: string, event: RoomEvent): void {
    this.events.set(room, [...(this.events.get(room) ?? []), event]);
    for (const wake of [...this.waiters]) wake();
  }

  now(room: string): RoomEvent[] {
    return this.events.get(room) ?? [];
  }

  take(room: string, count: number): Promise<RoomEvent[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`only ${this.now(room).length} of ${count} events in ${room}`));
      }, 5000);
      const check = () => {
        if (this.now(room).length < count) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.now(room).slice(0, count));
      };
      this.waiters.add(check);
      check();
    });
  }
}

/**
 * A feature's state change as the suite declares it in both forms: it keeps each frame it is given in a list of the
 * room's, and refuses the event when asked to.
 */
interface Keeper {
  change(room: string, refuse?: boolean): StateChange;
  kept(room: string): Promise<string[]>;
}

const KEEP = new RedisRoomChange({
  keys: { kept: 'spec:kept' },
  before: "if args[1] == 'refuse' then return false end",
  after: "redis.call('RPUSH', K.kept, frame)\ntouch(K.kept)",
});

function redisKeeper(redis: RedisClient): Keeper {
  return {
    change: (_room, refuse) => ({ redis: { change: KEEP, args: [refuse ? 'refuse' : 'keep'] } }),
    kept: (room) => redis.lrange(roomKey(room, 'spec:kept'), 0, -1),
  };
}

function memoryKeeper(): Keeper {
  const lists = new Map<string, string[]>();
  return {
    change: (room, refuse) => ({
      inMemory: (seq) => {
        if (refuse) return false;
        lists.set(room, [...(lists.get(room) ?? []), `seq ${seq}`]);
        return true;
      },
    }),
    kept: async (room) => lists.get(room) ?? [],
  };
}

interface Harness {
  readonly sequenced: SequencedRoom;
  readonly history: RoomHistory;
  readonly published: Published;
  readonly keeper: Keeper;
  /** Whether bus events carry their epoch (across nodes they do; a single in-memory node has only one). */
  readonly epochOnBus: boolean;
  /** Lets the room go idle past its expiry. */
  idle(room: string): Promise<void>;
  /** What the change kept for the event of `seq` whose frame is `frame`. */
  keptOf(seq: number, frame: string): string;
}

const move = (room: string, x: number) => ({ type: 'move', room, player: 'p', x, y: 0 }) as const;

function sequencedRoomContract(name: string, setup: () => Promise<Harness>) {
  describe(`${name} (SequencedRoom contract)`, () => {
    let h: Harness;
    beforeEach(async () => (h = await setup()));

    it('numbers each room from 1, one by one, and publishes each frame once, built with its seq last', async () => {
      expect(await h.sequenced.append('a', { message: move('a', 1), except: 'conn-1' })).toBe(1);
      expect(await h.sequenced.append('a', { message: move('a', 2) })).toBe(2);
      expect(await h.sequenced.append('b', { message: move('b', 3) })).toBe(1);
      const { epoch } = await h.sequenced.position('a');
      const events = await h.published.take('a', 2);
      expect(events.map(({ seq, except, frame }) => ({ seq, except, frame }))).toEqual([
        { seq: 1, except: 'conn-1', frame: JSON.stringify({ ...move('a', 1), seq: 1 }) },
        { seq: 2, except: undefined, frame: JSON.stringify({ ...move('a', 2), seq: 2 }) },
      ]);
      if (h.epochOnBus) expect(events.map((event) => event.epoch)).toEqual([epoch, epoch]);
      expect((await h.published.take('b', 1))[0]?.seq).toBe(1);
    });

    it("logs every frame in the room's epoch, so a resume replays exactly what was published", async () => {
      const before = await h.sequenced.position('log');
      expect(before.seq).toBe(0);
      for (let x = 1; x <= 4; x++) await h.sequenced.append('log', { message: move('log', x) });
      const after = await h.sequenced.position('log');
      expect(after).toEqual({ seq: 4, epoch: before.epoch });
      const published = await h.published.take('log', 4);
      await expect(h.history.read('log', 2, after.epoch)).resolves.toEqual({
        ok: true,
        lastSeq: 4,
        events: published.slice(2).map(({ seq, frame }) => ({ seq, frame })),
      });
    });

    it('gives concurrent events distinct, gapless seqs and publishes them in seq order', async () => {
      const seqs = await Promise.all(
        Array.from({ length: 30 }, (_, x) => h.sequenced.append('race', { message: move('race', x) })),
      );
      expect([...seqs].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      const published = await h.published.take('race', 30);
      expect(published.map((event) => event.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    it("runs the feature's state change in the step that numbers the event; a refused change uses no seq", async () => {
      const chat = { type: 'chat', room: 'c', player: 'p', name: 'P', text: 'hi', at: 1 } as const;
      expect(await h.sequenced.append('c', { message: chat }, h.keeper.change('c'))).toBe(1);
      expect(await h.sequenced.append('c', { message: chat }, h.keeper.change('c', true))).toBeNull();
      expect(await h.sequenced.append('c', { message: chat }, h.keeper.change('c'))).toBe(2);
      const published = await h.published.take('c', 2);
      expect(published.map((event) => event.seq)).toEqual([1, 2]);
      expect(await h.keeper.kept('c')).toEqual(published.map(({ seq, frame }) => h.keptOf(seq, frame)));
      expect((await h.sequenced.position('c')).seq).toBe(2);
    });

    it('starts a room that went idle over from 1 in a new epoch, so a resume from before resyncs', async () => {
      await h.sequenced.append('idle', { message: move('idle', 1) });
      const old = await h.sequenced.position('idle');
      await h.idle('idle');
      expect(await h.sequenced.append('idle', { message: move('idle', 2) })).toBe(1);
      const now = await h.sequenced.position('idle');
      expect(now.epoch).not.toBe(old.epoch);
      await expect(h.history.read('idle', 1, old.epoch)).resolves.toEqual({
        ok: false,
        reason: 'epoch-changed',
      });
    });
  });
}

sequencedRoomContract('InMemorySequencedRoom', async () => {
  const published = new Published();
  const bus = new LocalRoomBus();
  bus.onEvent((room, event) => published.add(room, event));
  const history = new InMemoryRoomHistory();
  const sequenced = new InMemorySequencedRoom(bus, history);
  return {
    sequenced,
    history,
    published,
    keeper: memoryKeeper(),
    epochOnBus: false,
    idle: async (room) => sequenced.forget(room),
    keptOf: (seq) => `seq ${seq}`,
  };
});

/** Records what is published on any room channel, decoded as a node decodes it. */
async function publishedOn(subscriber: RedisClient): Promise<Published> {
  const published = new Published();
  subscriber.on('pmessage', (_pattern: string, channel: string, payload: string) => {
    const room = /^pulse:\{(.+)\}:events$/.exec(channel)?.[1];
    const event = decodeRoomEvent(payload);
    if (room && event) published.add(room, event);
  });
  await subscriber.psubscribe(roomChannel('*'));
  return published;
}

const IDLE_MS = 300;

async function redisHarness(command: RedisClient, subscriber: RedisClient): Promise<Harness> {
  const history = { ...DEFAULT_HISTORY_LIMITS, roomIdleExpiryMs: IDLE_MS };
  return {
    sequenced: new RedisSequencedRoom(command, { shardedPubSub: false, history }),
    history: new RedisRoomHistory(command, history),
    published: await publishedOn(subscriber),
    keeper: redisKeeper(command),
    epochOnBus: true,
    idle: () => new Promise((resolve) => setTimeout(resolve, IDLE_MS + 200)),
    keptOf: (_seq, frame) => frame,
  };
}

describeWithRedis('with a real Redis', (redis) => {
  sequencedRoomContract('RedisSequencedRoom', async () => {
    const [command, subscriber] = [await redis.client(), await redis.client()];
    await command.flushall();
    return redisHarness(command, subscriber);
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  sequencedRoomContract('RedisSequencedRoom over a cluster', async () => {
    const command: Cluster = await redis.client();
    await Promise.all(command.nodes('master').map((primary) => primary.flushall()));
    return redisHarness(command, await redis.client());
  });
});
