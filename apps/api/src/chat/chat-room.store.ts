import type { ServerMessageOf } from '@pulse/protocol';

export type ChatLine = ServerMessageOf<'chat'>;

/** A chat line before the room numbers it. */
export type ChatPost = Omit<ChatLine, 'type' | 'seq'>;

/**
 * A room's chat: numbers each line with the room's next `seq` through the room's `SequencedRoom` (the sequence the
 * game's moves and presence use, so a room has one order), keeps the last `CHAT_HISTORY_LIMIT` lines and publishes
 * each line to every member of the room on every node, the sender included, in the same step.
 */
export interface ChatRoomStore {
  /** Numbers, keeps and publishes a line; returns it as published. */
  post(line: ChatPost): Promise<ChatLine>;
  /** The room's recent lines, oldest first, at most `CHAT_HISTORY_LIMIT`. */
  recent(room: string): Promise<ChatLine[]>;
}

export const CHAT_ROOM_STORE = Symbol('PULSE_CHAT_ROOM_STORE');
