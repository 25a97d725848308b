import { Inject, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { MessageBody } from '@nestjs/websockets';
import {
  acknowledge,
  Conn,
  OnMessage,
  ProtocolException,
  PulseGateway,
  RoomJoiner,
  type Acknowledgement,
  RoomsService,
  ReplicaAckTimeoutError,
  StoreUnavailableError,
  type RealtimeConnection,
} from '@pulse/gateway';
import { ErrorCode, type ClientMessageOf } from '@pulse/protocol';
import { offBoardReason } from './board-bounds';
import { GameDegradedMode } from './game-degraded-mode';
import { GAME_ROOM_STORE, type GameRoomStore } from './game-room.store';
import { PresenceGrace } from './presence-grace';

export const PRESENCE_GRACE = Symbol('PULSE_PRESENCE_GRACE');

/** The reference game: join a room, move, and see everyone else move. */
@PulseGateway()
export class GameGateway implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(GAME_ROOM_STORE) private readonly store: GameRoomStore,
    private readonly degraded: GameDegradedMode,
    private readonly joiner: RoomJoiner,
    @Inject(PRESENCE_GRACE) private readonly grace: PresenceGrace,
  ) {}

  onModuleInit(): void {
    this.rooms.onMemberLeft(({ room, connection, closeCode }) => {
      this.grace.leave(closeCode, () => this.store.leave(room, connection.id));
    });
  }

  /** A draining node stays until its drained players' leaves ran (each after the grace), so nobody flaps. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.grace.settle();
  }

  @OnMessage('join')
  async join(
    @MessageBody() message: ClientMessageOf<'join'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<void> {
    await this.joiner.join(connection, message, async () =>
      this.degraded.observe(await this.store.join(message.room, connection.user, connection.id)),
    );
  }

  /**
   * The wire takes any coordinate (other games reuse `move`); this game takes whole cells on its board and refuses
   * the rest with INVALID_MESSAGE, before anything is stored or broadcast.
   */
  @OnMessage('move')
  async move(
    @MessageBody() message: ClientMessageOf<'move'>,
    @Conn() connection: RealtimeConnection,
  ): Promise<Acknowledgement | void> {
    const offBoard = offBoardReason(message.x, message.y);
    if (offBoard) throw new ProtocolException(ErrorCode.INVALID_MESSAGE, offBoard);
    this.rooms.requireMember(connection, message.room);
    try {
      return acknowledge(
        await this.store.move(message.room, connection.user.id, message.x, message.y, connection.id),
      );
    } catch (error) {
      // Applied and published, but no replica confirmed it in time: everyone saw it, so it is not delivered again
      // here; the ack carries no seq, as for a move that is not in the shared log for sure.
      if (error instanceof ReplicaAckTimeoutError) return acknowledge(undefined);
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
