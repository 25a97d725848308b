import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { Redis } from 'ioredis';
import { DEFAULT_HISTORY_LIMITS } from '../history/room-history';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { ROOM_SCRIPT_ANSWER_TIMEOUT_MS, RedisSequencedRoom } from './redis-sequenced-room';

/**
 * A Redis that is connected and then never answers (a private server frozen with SIGSTOP): what a client meets when
 * a cluster primary dies and its connection holds the command. The sender must still get an answer.
 */
describe('RedisSequencedRoom against a Redis that never answers', () => {
  let server: TestRedisServer;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    await redis.ping();
    process.kill(server.pid, 'SIGSTOP');
  });

  afterEach(() => jest.useRealTimers());

  afterAll(async () => {
    process.kill(server.pid, 'SIGCONT');
    redis.disconnect();
    await server.stop();
  });

  const move = { type: 'move', room: 'lobby', player: 'ann', x: 1, y: 2 } as const;

  /** Appends a move and reports whether it has been answered after `pendingMs`, and with what after `boundMs`. */
  async function answerOf(room: RedisSequencedRoom, pendingMs: number, boundMs: number) {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let outcome: unknown = 'pending';
    const appended = room.append('lobby', { message: move }).then(
      (seq) => (outcome = seq),
      (error: unknown) => (outcome = error),
    );
    await jest.advanceTimersByTimeAsync(pendingMs);
    const before = outcome;
    await jest.advanceTimersByTimeAsync(boundMs - pendingMs);
    await appended;
    return { before, after: outcome };
  }

  it('reports an append unanswered past its bound as unavailable, not before', async () => {
    const room = new RedisSequencedRoom(redis, { shardedPubSub: false, history: DEFAULT_HISTORY_LIMITS });
    const { before, after } = await answerOf(
      room,
      ROOM_SCRIPT_ANSWER_TIMEOUT_MS - 1,
      ROOM_SCRIPT_ANSWER_TIMEOUT_MS,
    );
    expect(before).toBe('pending');
    expect(after).toBeInstanceOf(StoreUnavailableError);
    expect((after as Error).message).toContain('room lobby not answered within');
  });

  it('gives an append that waits for replicas their WAIT timeout on top of the bound', async () => {
    const replicaAcks = { timeoutMs: 500, replicasFor: () => 1 };
    const room = new RedisSequencedRoom(redis, {
      shardedPubSub: false,
      history: DEFAULT_HISTORY_LIMITS,
      replicaAcks,
    });
    const bound = ROOM_SCRIPT_ANSWER_TIMEOUT_MS + replicaAcks.timeoutMs;
    const { before, after } = await answerOf(room, bound - 1, bound);
    expect(before).toBe('pending');
    expect(after).toBeInstanceOf(StoreUnavailableError);
  });
});
