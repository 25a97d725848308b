import type { SequencedRoom } from '@pulse/gateway';
import { CHAT_HISTORY_LIMIT } from '@pulse/protocol';
import type { ChatLine, ChatPost, ChatRoomStore } from './chat-room.store';

/** One node's chat: each line is numbered by the node's sequenced room, and kept in the step that numbers it. */
export class InMemoryChatRoomStore implements ChatRoomStore {
  private readonly lines = new Map<string, ChatLine[]>();

  constructor(
    private readonly sequenced: SequencedRoom,
    private readonly limit = CHAT_HISTORY_LIMIT,
  ) {}

  async post(post: ChatPost): Promise<ChatLine> {
    let line: ChatLine | undefined;
    await this.sequenced.append(
      post.room,
      { message: { type: 'chat', ...post } },
      {
        inMemory: (seq) => {
          line = this.keep({ type: 'chat', ...post, seq });
        },
      },
    );
    if (!line) throw new Error('the chat line was not numbered');
    return line;
  }

  async recent(room: string): Promise<ChatLine[]> {
    return [...(this.lines.get(room) ?? [])];
  }

  private keep(line: ChatLine): ChatLine {
    const kept = this.lines.get(line.room) ?? [];
    kept.push(line);
    if (kept.length > this.limit) kept.splice(0, kept.length - this.limit);
    this.lines.set(line.room, kept);
    return line;
  }
}
