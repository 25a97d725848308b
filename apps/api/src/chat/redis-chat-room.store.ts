import {
  historyKeys,
  LuaScript,
  roomChannel,
  roomKey,
  SEQUENCED_ROOM_LUA,
  sequencedRoomContext,
  whileReady,
  type HistoryLimits,
} from '@pulse/gateway';
import { CHAT_HISTORY_LIMIT, encodeMessage } from '@pulse/protocol';
import type { RedisClient, ReplicaAcks } from '@pulse/gateway';
import { chatFramePrefix, type ChatLine, type ChatPost, type ChatRoomStore } from './chat-room.store';

export interface RedisChatRoomStoreOptions {
  /** Publish with SPUBLISH (Redis Cluster sharded pub/sub). @default false */
  shardedPubSub: boolean;
  /** Limits of each room's event log (the one the game's scripts write too). */
  history: HistoryLimits;
  /** Lines kept per room. @default CHAT_HISTORY_LIMIT (50) */
  limit?: number;
  /** How long a room's recent lines outlive its last line. @default 86400000 (a day) */
  recentTtlMs?: number;
  /** Replicas an event waits for before it is acknowledged (`RedisClients.replicaAcks`). @default none */
  replicaAcks?: ReplicaAcks;
}

const DAY_MS = 86_400_000;

/** The room's recent chat lines (a list of frames, oldest first). Shares the room's hash slot. */
export function chatRecentKey(room: string): string {
  return roomKey(room, 'chat:recent');
}

function keysOf(room: string): string[] {
  const history = historyKeys(room);
  return [history.seq, roomChannel(room), history.history, history.epoch, chatRecentKey(room)];
}

/**
 * KEYS: seq, channel, history, epoch, recent. ARGV: context, framePrefix, limit, recentTtlMs. Returns the seq.
 * INCRs the room's one `seq` (the key the game's scripts use), logs and publishes the line through the shared
 * sequencing Lua, and keeps it among the recent lines, all in one atomic step.
 */
const POST = new LuaScript(`
local seqKey, channel, historyKey, epochKey, recentKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local ctx = cjson.decode(ARGV[1])
${SEQUENCED_ROOM_LUA}
local seq = sequenceAndPublish(ARGV[2], '')
redis.call('RPUSH', recentKey, ARGV[2] .. seq .. '}')
redis.call('LTRIM', recentKey, -tonumber(ARGV[3]), -1)
redis.call('PEXPIRE', recentKey, ARGV[4])
return seq
`);

/** Chat shared by every node through Redis, numbered in the same sequence as the room's game events. */
export class RedisChatRoomStore implements ChatRoomStore {
  private readonly limit: number;
  private readonly recentTtlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisChatRoomStoreOptions,
  ) {
    this.limit = options.limit ?? CHAT_HISTORY_LIMIT;
    this.recentTtlMs = options.recentTtlMs ?? DAY_MS;
  }

  async post(post: ChatPost): Promise<ChatLine> {
    const prefix = chatFramePrefix(post, encodeMessage);
    const seq = (await whileReady(this.redis, () =>
      POST.run(
        this.redis,
        keysOf(post.room),
        [sequencedRoomContext(this.options), prefix, this.limit, this.recentTtlMs],
        this.options.replicaAcks,
      ),
    )) as number;
    return { type: 'chat', ...post, seq };
  }

  async recent(room: string): Promise<ChatLine[]> {
    const frames = await whileReady(this.redis, () => this.redis.lrange(chatRecentKey(room), 0, -1));
    return frames.map((frame) => JSON.parse(frame) as ChatLine);
  }
}
