import { Inject } from '@nestjs/common';
import { MessageBody } from '@nestjs/websockets';
import {
  Conn,
  OnMessage,
  PulseGateway,
  RoomsService,
  StoreUnavailableError,
  type RealtimeConnection,
} from '@pulse/gateway';
import type { ClientMessageOf, ServerMessageOf } from '@pulse/protocol';
import { CHAT_ROOM_STORE, type ChatRoomStore } from './chat-room.store';

/** Chat and typing indicators for the members of a room. */
@PulseGateway()
export class ChatGateway {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(CHAT_ROOM_STORE) private readonly store: ChatRoomStore,
  ) {}

  /** Every member, the sender included, gets the line, numbered in the room's sequence. */
  @OnMessage('chat')
  async chat(
    @MessageBody() message: ClientMessageOf<'chat'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<void> {
    this.rooms.requireMember(connection, message.room);
    const { id: player, name } = connection.user;
    await this.store.post({ room: message.room, player, name, text: message.text, at: Date.now() });
  }

  @OnMessage('chat-history')
  async history(
    @MessageBody() message: ClientMessageOf<'chat-history'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<ServerMessageOf<'chat-history'>> {
    this.rooms.requireMember(connection, message.room);
    return { type: 'chat-history', room: message.room, messages: await this.store.recent(message.room) };
  }

  /** The other members get it, unsequenced and not kept. While the shared bus is down, this node's members still do. */
  @OnMessage('typing')
  async typing(
    @MessageBody() message: ClientMessageOf<'typing'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<void> {
    this.rooms.requireMember(connection, message.room);
    const event: ServerMessageOf<'typing'> = {
      type: 'typing',
      room: message.room,
      player: connection.user.id,
      active: message.active,
    };
    try {
      await this.rooms.publish(message.room, event, { exceptId: connection.id });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.rooms.deliverLocal(message.room, event, { exceptId: connection.id });
    }
  }
}
