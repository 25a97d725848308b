import type { RoomsService } from '@pulse/gateway';
import { CHAT_HISTORY_LIMIT } from '@pulse/protocol';
import type { ChatLine, ChatPost, ChatRoomStore } from './chat-room.store';

/** Hands out a room's next seq synchronously (one process), so numbering and publishing are one step. */
export interface RoomSequence {
  takeSeq(room: string): number;
}

/** One node's chat. Takes seqs from the room's owner of `seq` (the in-memory game store). */
export class InMemoryChatRoomStore implements ChatRoomStore {
  private readonly lines = new Map<string, ChatLine[]>();

  constructor(
    private readonly rooms: RoomsService,
    private readonly sequence: RoomSequence,
    private readonly limit = CHAT_HISTORY_LIMIT,
  ) {}

  async post(post: ChatPost): Promise<ChatLine> {
    const line: ChatLine = { type: 'chat', ...post, seq: this.sequence.takeSeq(post.room) };
    const kept = this.lines.get(post.room) ?? [];
    kept.push(line);
    if (kept.length > this.limit) kept.splice(0, kept.length - this.limit);
    this.lines.set(post.room, kept);
    await this.rooms.publish(post.room, line, { seq: line.seq });
    return line;
  }

  async recent(room: string): Promise<ChatLine[]> {
    return [...(this.lines.get(room) ?? [])];
  }
}
