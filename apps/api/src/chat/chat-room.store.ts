import type { ServerMessageOf } from '@pulse/protocol';

export type ChatLine = ServerMessageOf<'chat'>;

/** A chat line before the room numbers it. */
export type ChatPost = Omit<ChatLine, 'type' | 'seq'>;

/**
 * A room's chat: numbers each line with the room's next `seq` (the same sequence as the game's moves and
 * presence, so a room has one order), keeps the last `CHAT_HISTORY_LIMIT` lines and publishes each line to
 * every member of the room on every node, the sender included, in the same step.
 */
export interface ChatRoomStore {
  /** Numbers, keeps and publishes a line; returns it as published. */
  post(line: ChatPost): Promise<ChatLine>;
  /** The room's recent lines, oldest first, at most `CHAT_HISTORY_LIMIT`. */
  recent(room: string): Promise<ChatLine[]>;
}

export const CHAT_ROOM_STORE = Symbol('PULSE_CHAT_ROOM_STORE');

/** Encodes a line with `seq` as its last field and cuts the frame just before the number (`..."seq":`). */
export function chatFramePrefix(line: ChatPost, encode: (message: ChatLine) => string): string {
  const frame = encode({
    type: 'chat',
    room: line.room,
    player: line.player,
    name: line.name,
    text: line.text,
    at: line.at,
    seq: 0,
  });
  if (!frame.endsWith(',"seq":0}')) throw new Error('chat frame must end with its seq');
  return frame.slice(0, -2);
}
