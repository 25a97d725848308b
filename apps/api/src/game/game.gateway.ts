import { Inject, type OnModuleInit } from '@nestjs/common';
import { MessageBody } from '@nestjs/websockets';
import { acknowledge, Conn, OnMessage, PulseGateway, RoomJoiner, type Acknowledgement, RoomsService, StoreUnavailableError, type RealtimeConnection } from '@pulse/gateway';
import type { ClientMessageOf } from '@pulse/protocol';
import { GameDegradedMode } from './game-degraded-mode';
import { GAME_ROOM_STORE, type GameRoomStore } from './game-room.store';

/** The reference game: join a room, move, and see everyone else move. */
@PulseGateway()
export class GameGateway implements OnModuleInit {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(GAME_ROOM_STORE) private readonly store: GameRoomStore,
    private readonly degraded: GameDegradedMode,
    private readonly joiner: RoomJoiner,
  ) {}

  onModuleInit(): void {
    this.rooms.onMemberLeft(({ room, connection }) => {
      void this.store.leave(room, connection.id).catch(() => undefined);
    });
  }

  @OnMessage('join')
  async join(@MessageBody() message: ClientMessageOf<'join'>, @Conn() connection: RealtimeConnection): Promise<void> {
    await this.joiner.join(connection, message, () => this.store.join(message.room, connection.user, connection.id));
  }

  @OnMessage('move')
  async move(@MessageBody() message: ClientMessageOf<'move'>, @Conn() connection: RealtimeConnection): Promise<Acknowledgement | void> {
    this.rooms.requireMember(connection, message.room);
    try {
      return acknowledge(await this.store.move(message.room, connection.user.id, message.x, message.y, connection.id));
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.degraded.moveLocally(message.room, connection, message.x, message.y);
    }
  }

  @OnMessage('leave')
  leave(@MessageBody() message: ClientMessageOf<'leave'>, @Conn() connection: RealtimeConnection): void {
    this.rooms.requireMember(connection, message.room);
    this.rooms.leave(connection, message.room);
  }
}
