import { Type } from '@sinclair/typebox';
import { MessageId, PlayerId, RoomName, Seq } from './common.schemas';

/** The longest chat line, in UTF-16 code units (what `String.length` and `maxlength` count). */
export const CHAT_TEXT_MAX_LENGTH = 500;

/** How many recent chat lines a room keeps and hands to joiners in `chat-history`. */
export const CHAT_HISTORY_LIMIT = 50;

/**
 * Typing timings shared by senders and receivers: a client announces `typing` at most once per
 * `refreshMs` while its user types, and a receiver forgets an announcement after `expireMs` without a refresh
 * (so a typist whose tab died stops "typing" on everyone's screen).
 */
export const TYPING_TIMING = { refreshMs: 2000, expireMs: 5000 } as const;

/** Untrusted user text: 1-500 characters with at least one that is not white space. Clients render it as text. */
export const ChatText = Type.String({
  minLength: 1,
  maxLength: CHAT_TEXT_MAX_LENGTH,
  pattern: '\\S',
  description: `Chat text: 1-${CHAT_TEXT_MAX_LENGTH} characters, not only white space. Untrusted: render as text, never as HTML`,
});

export const ChatRequest = Type.Object(
  { type: Type.Literal('chat'), room: RoomName, text: ChatText, id: Type.Optional(MessageId) },
  {
    description:
      'Say something in a room you joined. Every member, the sender included, gets a `chat` event.',
  },
);

export const ChatEvent = Type.Object(
  {
    type: Type.Literal('chat'),
    room: RoomName,
    player: PlayerId,
    name: Type.String({ description: "The sender's display name" }),
    text: ChatText,
    at: Type.Integer({
      minimum: 0,
      description: 'When the server accepted it, in milliseconds since the Unix epoch',
    }),
    seq: Seq,
  },
  {
    description:
      "A chat line, sequenced with the room's other events (one `seq` order per room for moves, presence and chat).",
  },
);

export const ChatHistoryRequest = Type.Object(
  { type: Type.Literal('chat-history'), room: RoomName, id: Type.Optional(MessageId) },
  {
    description:
      'Ask for the recent chat of a room you joined (send it after each `snapshot`, i.e. after every join or re-join). ' +
      'Answered with `chat-history`.',
  },
);

export const ChatHistoryMessage = Type.Object(
  {
    type: Type.Literal('chat-history'),
    room: RoomName,
    messages: Type.Array(ChatEvent, { maxItems: CHAT_HISTORY_LIMIT, description: 'Oldest first' }),
  },
  {
    description:
      `The room's last ${CHAT_HISTORY_LIMIT} chat lines, oldest first. Live \`chat\` events may overlap it: ` +
      'merge by `seq`.',
  },
);

export const TypingRequest = Type.Object(
  { type: Type.Literal('typing'), room: RoomName, active: Type.Boolean(), id: Type.Optional(MessageId) },
  {
    description:
      'Announce that you are (or stopped) typing in a room you joined. Send `active: true` at most every ' +
      `${TYPING_TIMING.refreshMs} ms while typing, and \`active: false\` when done. The other members get \`typing\`.`,
  },
);

export const TypingEvent = Type.Object(
  { type: Type.Literal('typing'), room: RoomName, player: PlayerId, active: Type.Boolean() },
  {
    description:
      `A member is typing (or stopped). Unsequenced and not kept: forget \`active: true\` after ${TYPING_TIMING.expireMs} ms ` +
      'without a refresh.',
  },
);
