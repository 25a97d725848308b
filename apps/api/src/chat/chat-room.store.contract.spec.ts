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
import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { PublishedLog, type Published } from '../testing/published-log';
import type { GameRoomStore } from '../game/game-room.store';
import { InMemoryGameRoomStore } from '../game/in-memory-game-room.store';
import { RedisGameRoomStore } from '../game/redis-game-room.store';
import type { ChatRoomStore } from './chat-room.store';
import { InMemoryChatRoomStore } from './in-memory-chat-room.store';
import { RedisChatRoomStore } from './redis-chat-room.store';

interface Harness {
  chat: ChatRoomStore;
  game: GameRoomStore;
  history: RoomHistory;
  published(room: string, count: number): Promise<Published[]>;
}

const alice = { id: 'alice', name: 'Alice' };
const at = 1_700_000_000_000;
const post = (room: string, text: string) => ({ room, player: 'alice', name: 'Alice', text, at });

/** One contract for both chat stores: the Redis one against a real server, sharing the room seq with the game. */
function chatRoomStoreContract(name: string, setup: () => Promise<Harness>) {
  describe(`${name} (ChatRoomStore contract)`, () => {
    let harness: Harness;
    beforeEach(async () => (harness = await setup()));

    it("numbers chat lines in the room's one sequence, shared with the game, and sends them to everyone", async () => {
      await harness.game.join('k1', alice, 'conn-a');
      const line = await harness.chat.post(post('k1', 'hello <b>there</b>'));
      await harness.game.move('k1', 'alice', 4, 4, 'conn-a');
      expect(line).toEqual({
        type: 'chat',
        room: 'k1',
        player: 'alice',
        name: 'Alice',
        text: 'hello <b>there</b>',
        at,
        seq: 2,
      });
      const events = await harness.published('k1', 3);
      expect(events.map((event) => [event.message.type, event.seq])).toEqual([
        ['presence', 1],
        ['chat', 2],
        ['move', 3],
      ]);
      expect(events[1]).toEqual({ seq: 2, message: line });
      expect((await harness.game.snapshot('k1', 'alice')).seq).toBe(3);
    });

    it('publishes in seq order when chat and moves race', async () => {
      await harness.game.join('k2', alice, 'conn-a');
      await Promise.all([
        harness.chat.post(post('k2', 'one')),
        harness.game.move('k2', 'alice', 1, 1, 'conn-a'),
        harness.chat.post(post('k2', 'two')),
        harness.game.move('k2', 'alice', 2, 2, 'conn-a'),
      ]);
      const seqs = (await harness.published('k2', 5)).map((event) => event.seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps the last lines of a room, oldest first, and nothing for a room without chat', async () => {
      for (const text of ['1', '2', '3', '4', '5']) await harness.chat.post(post('k3', text));
      expect((await harness.chat.recent('k3')).map((line) => line.text)).toEqual(['3', '4', '5']);
      expect((await harness.chat.recent('k3')).map((line) => line.seq)).toEqual([3, 4, 5]);
      expect(await harness.chat.recent('silent')).toEqual([]);
    });

    it("writes chat lines to the room's log, so a resuming client gets them replayed", async () => {
      await harness.game.join('k4', alice, 'conn-a');
      const line = await harness.chat.post(post('k4', 'missed me?'));
      const epoch = (await harness.game.snapshot('k4', 'alice')).epoch ?? '';
      const replay = await harness.history.read('k4', 1, epoch);
      expect(replay).toEqual({ ok: true, lastSeq: 2, events: [{ seq: 2, frame: JSON.stringify(line) }] });
    });
  });
}

chatRoomStoreContract('InMemoryChatRoomStore', async () => {
  const log = new PublishedLog();
  const bus = new LocalRoomBus();
  bus.onEvent((room, event) => log.add(room, event));
  const sequenced = new InMemorySequencedRoom(bus);
  return {
    chat: new InMemoryChatRoomStore(sequenced, 3),
    game: new InMemoryGameRoomStore(sequenced),
    history: sequenced.history,
    published: (room, count) => log.take(room, count),
  };
});

/** Chat and the game over one Redis sequenced room, as a node has them. */
function redisHarness(command: RedisClient, log: PublishedLog): Harness {
  const sequenced = new RedisSequencedRoom(command, {
    shardedPubSub: false,
    history: DEFAULT_HISTORY_LIMITS,
  });
  return {
    chat: new RedisChatRoomStore(command, sequenced, { limit: 3 }),
    game: new RedisGameRoomStore(command, sequenced, { presenceTtlMs: 60_000 }),
    history: new RedisRoomHistory(command, DEFAULT_HISTORY_LIMITS),
    published: (room, count) => log.take(room, count),
  };
}

describeWithRedis('with a real Redis', (redis) => {
  chatRoomStoreContract('RedisChatRoomStore', async () => {
    const [command, subscriber] = [await redis.client(), await redis.client()];
    await command.flushall();
    return redisHarness(command, await PublishedLog.fromRedis(subscriber));
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  async function flushed(): Promise<Cluster> {
    const command = await redis.client();
    await Promise.all(command.nodes('master').map((primary) => primary.flushall()));
    return command;
  }

  chatRoomStoreContract('RedisChatRoomStore over a cluster', async () => {
    const [command, subscriber] = [await flushed(), await redis.client()];
    return redisHarness(command, await PublishedLog.fromRedis(subscriber));
  });
});
