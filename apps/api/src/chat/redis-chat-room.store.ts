import { RedisRoomChange, roomKey, whileReady, type RedisClient, type SequencedRoom } from '@pulse/gateway';
import { CHAT_HISTORY_LIMIT } from '@pulse/protocol';
import type { ChatLine, ChatPost, ChatRoomStore } from './chat-room.store';

export interface RedisChatRoomStoreOptions {
  /** Lines kept per room. @default CHAT_HISTORY_LIMIT (50) */
  limit?: number;
  /** How long a room's recent lines outlive its last line. @default 86400000 (a day) */
  recentTtlMs?: number;
}

const DAY_MS = 86_400_000;

/** The room's recent chat lines (a list of frames, oldest first). Shares the room's hash slot. */
export function chatRecentKey(room: string): string {
  return roomKey(room, 'chat:recent');
}

/** Keeps the numbered line among the room's recent ones (args: limit, recentTtlMs), in the step that numbers it. */
const KEEP_RECENT = new RedisRoomChange({
  keys: { recent: 'chat:recent' },
  after: `
redis.call('RPUSH', K.recent, frame)
redis.call('LTRIM', K.recent, -tonumber(args[1]), -1)
redis.call('PEXPIRE', K.recent, args[2])
`,
});

/** Chat shared by every node through Redis, numbered in the room's one sequence (`SequencedRoom`). */
export class RedisChatRoomStore implements ChatRoomStore {
  private readonly limit: number;
  private readonly recentTtlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly sequenced: SequencedRoom,
    options: RedisChatRoomStoreOptions = {},
  ) {
    this.limit = options.limit ?? CHAT_HISTORY_LIMIT;
    this.recentTtlMs = options.recentTtlMs ?? DAY_MS;
  }

  async post(post: ChatPost): Promise<ChatLine> {
    const seq = await this.sequenced.append(
      post.room,
      { message: { type: 'chat', ...post } },
      { redis: { change: KEEP_RECENT, args: [this.limit, this.recentTtlMs] } },
    );
    if (seq === null) throw new Error('the chat line was not numbered');
    return { type: 'chat', ...post, seq };
  }

  async recent(room: string): Promise<ChatLine[]> {
    const frames = await whileReady(this.redis, () => this.redis.lrange(chatRecentKey(room), 0, -1));
    return frames.map((frame) => JSON.parse(frame) as ChatLine);
  }
}
