import type { Cluster } from 'ioredis';
import {
  DEFAULT_HISTORY_LIMITS,
  InMemorySequencedRoom,
  LocalRoomBus,
  RedisRoomHistory,
  RedisSequencedRoom,
  type RedisClient,
  type RoomHistory,
} from '@pulse/gateway';
import { tickerRoom } from '@pulse/protocol';
import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { PublishedLog, type Published } from '../testing/published-log';
import { InMemoryQuoteStore } from './in-memory-quote.store';
import type { QuoteStore } from './quote.store';
import { RedisQuoteStore } from './redis-quote.store';

interface Harness {
  /** Two stores over the same backend, as two nodes would have (the in-memory backend has one node: the same store). */
  stores: [QuoteStore, QuoteStore];
  history: RoomHistory;
  published(room: string, count: number): Promise<Published[]>;
}

const at = 1_700_000_000_000;

/** One contract for both quote stores: the Redis one against a real server. */
function quoteStoreContract(name: string, setup: () => Promise<Harness>) {
  describe(`${name} (QuoteStore contract)`, () => {
    let harness: Harness;
    beforeEach(async () => (harness = await setup()));

    it("numbers each symbol's quotes in its own room, publishes them and keeps the latest", async () => {
      const [store] = harness.stores;
      expect(await store.latest('ACME')).toBeNull();
      const first = await store.publish({ symbol: 'ACME', price: 101.5, at });
      const other = await store.publish({ symbol: 'GLOBEX', price: 7, at });
      const second = await store.publish({ symbol: 'ACME', price: 101.25, at: at + 500 });
      expect(first).toEqual({ type: 'quote', symbol: 'ACME', price: 101.5, at, seq: 1 });
      expect([other.seq, second.seq]).toEqual([1, 2]);
      expect(await store.latest('ACME')).toEqual(second);
      expect(await harness.published(tickerRoom('ACME'), 2)).toEqual([
        { seq: 1, message: first },
        { seq: 2, message: second },
      ]);
      expect(await harness.published(tickerRoom('GLOBEX'), 1)).toEqual([{ seq: 1, message: other }]);
    });

    it('carries the sequence and the latest quote on when another node publishes next', async () => {
      const [leader, successor] = harness.stores;
      await leader.publish({ symbol: 'INITECH', price: 50, at });
      await leader.publish({ symbol: 'INITECH', price: 51, at });
      expect(await successor.latest('INITECH')).toMatchObject({ price: 51, seq: 2 });
      await expect(successor.publish({ symbol: 'INITECH', price: 52, at })).resolves.toMatchObject({
        seq: 3,
      });
    });

    it("logs quotes in the room's history like every sequenced event", async () => {
      const [store] = harness.stores;
      const first = await store.publish({ symbol: 'HIST', price: 1, at });
      const second = await store.publish({ symbol: 'HIST', price: 2, at });
      const room = tickerRoom('HIST');
      const replay = await harness.history.read(room, 0, await harness.history.epoch(room));
      expect(replay).toEqual({
        ok: true,
        lastSeq: 2,
        events: [
          { seq: 1, frame: JSON.stringify(first) },
          { seq: 2, frame: JSON.stringify(second) },
        ],
      });
    });
  });
}

quoteStoreContract('InMemoryQuoteStore', async () => {
  const log = new PublishedLog();
  const bus = new LocalRoomBus();
  bus.onEvent((room, event) => log.add(room, event));
  const sequenced = new InMemorySequencedRoom(bus);
  const store = new InMemoryQuoteStore(sequenced);
  return {
    stores: [store, store],
    history: sequenced.history,
    published: (room, count) => log.take(room, count),
  };
});

/** A node's sequenced room over its own connection. */
const sequencedOn = (redis: RedisClient) =>
  new RedisSequencedRoom(redis, { shardedPubSub: false, history: DEFAULT_HISTORY_LIMITS });

describeWithRedis('with a real Redis', (redis) => {
  quoteStoreContract('RedisQuoteStore', async () => {
    const [command, other, subscriber] = [await redis.client(), await redis.client(), await redis.client()];
    await command.flushall();
    const log = await PublishedLog.fromRedis(subscriber);
    return {
      stores: [
        new RedisQuoteStore(command, sequencedOn(command)),
        new RedisQuoteStore(other, sequencedOn(other)),
      ],
      history: new RedisRoomHistory(command, DEFAULT_HISTORY_LIMITS),
      published: (room, count) => log.take(room, count),
    };
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  async function flushed(): Promise<Cluster> {
    const command = await redis.client();
    await Promise.all(command.nodes('master').map((primary) => primary.flushall()));
    return command;
  }

  quoteStoreContract('RedisQuoteStore over a cluster', async () => {
    const [command, other, subscriber] = [await flushed(), await redis.client(), await redis.client()];
    const log = await PublishedLog.fromRedis(subscriber);
    return {
      stores: [
        new RedisQuoteStore(command, sequencedOn(command)),
        new RedisQuoteStore(other, sequencedOn(other)),
      ],
      history: new RedisRoomHistory(command, DEFAULT_HISTORY_LIMITS),
      published: (room, count) => log.take(room, count),
    };
  });
});
