import { Type, type Static, type TObject, type TUnion } from '@sinclair/typebox';
import {
  ConsoleSampleMessage,
  ConsoleUnwatchRequest,
  ConsoleWatchRequest,
} from './messages/admin-console.messages';
import { batchMessageSchema, BatchingRequest } from './messages/batching.messages';
import {
  ChatEvent,
  ChatHistoryMessage,
  ChatHistoryRequest,
  ChatRequest,
  TypingEvent,
  TypingRequest,
} from './messages/chat.messages';
import { CursorEvent, CursorRequest } from './messages/cursor.messages';
import { AckMessage, ErrorMessage, PingMessage, PongMessage } from './messages/control.messages';
import { MoveEvent, MoveRequest } from './messages/game.messages';
import {
  JoinMessage,
  LeaveMessage,
  PresenceMessage,
  ResumedMessage,
  SnapshotMessage,
} from './messages/room.messages';
import { ReauthMessage, ReauthRequiredMessage, ResumeTicketMessage } from './messages/session.messages';
import { QuoteEvent, SubscribeRequest, UnsubscribeRequest } from './messages/ticker.messages';

/** The protocol version, as negotiated in `Sec-WebSocket-Protocol`. */
export const PROTOCOL_VERSION = 'pulse.v1';

/** Every message a client may send, keyed by its `type`. The single source of truth. */
export const clientMessageSchemas = {
  join: JoinMessage,
  leave: LeaveMessage,
  move: MoveRequest,
  ping: PingMessage,
  chat: ChatRequest,
  'chat-history': ChatHistoryRequest,
  typing: TypingRequest,
  reauth: ReauthMessage,
  subscribe: SubscribeRequest,
  unsubscribe: UnsubscribeRequest,
  batching: BatchingRequest,
  cursor: CursorRequest,
  'console-watch': ConsoleWatchRequest,
  'console-unwatch': ConsoleUnwatchRequest,
} as const satisfies Record<string, TObject>;

/** The server messages a `batch` may carry: every one but `batch` itself. */
const unbatchedServerMessageSchemas = {
  snapshot: SnapshotMessage,
  presence: PresenceMessage,
  move: MoveEvent,
  pong: PongMessage,
  ack: AckMessage,
  error: ErrorMessage,
  resumed: ResumedMessage,
  chat: ChatEvent,
  'chat-history': ChatHistoryMessage,
  typing: TypingEvent,
  'reauth-required': ReauthRequiredMessage,
  quote: QuoteEvent,
  cursor: CursorEvent,
  'resume-ticket': ResumeTicketMessage,
  'console-sample': ConsoleSampleMessage,
} as const satisfies Record<string, TObject>;

type UnbatchedSchemas = typeof unbatchedServerMessageSchemas;

/** Every message the server may send, keyed by its `type`. */
export const serverMessageSchemas = {
  ...unbatchedServerMessageSchemas,
  batch: batchMessageSchema(
    Type.Union(Object.values(unbatchedServerMessageSchemas)) as TUnion<
      Array<UnbatchedSchemas[keyof UnbatchedSchemas]>
    >,
  ),
} as const satisfies Record<string, TObject>;

type ClientSchemas = typeof clientMessageSchemas;
type ServerSchemas = typeof serverMessageSchemas;

export type ClientMessageType = keyof ClientSchemas;
export type ServerMessageType = keyof ServerSchemas;

export type ClientMessageOf<T extends ClientMessageType> = Static<ClientSchemas[T]>;
export type ServerMessageOf<T extends ServerMessageType> = Static<ServerSchemas[T]>;

export type ClientMessage = { [K in ClientMessageType]: ClientMessageOf<K> }[ClientMessageType];
export type ServerMessage = { [K in ServerMessageType]: ServerMessageOf<K> }[ServerMessageType];

/** A message's fields without its `type`: what `client.send(type, payload)` takes. */
export type ClientPayloadOf<T extends ClientMessageType> = Omit<ClientMessageOf<T>, 'type'>;

export const clientMessageTypes = Object.keys(clientMessageSchemas) as ClientMessageType[];
export const serverMessageTypes = Object.keys(serverMessageSchemas) as ServerMessageType[];

export function isClientMessageType(type: string): type is ClientMessageType {
  return Object.prototype.hasOwnProperty.call(clientMessageSchemas, type);
}

export function isServerMessageType(type: string): type is ServerMessageType {
  return Object.prototype.hasOwnProperty.call(serverMessageSchemas, type);
}
