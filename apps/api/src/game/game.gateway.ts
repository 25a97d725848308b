import { MessageBody } from '@nestjs/websockets';
import { Conn, OnMessage, PulseGateway, RoomsService, type RealtimeConnection } from '@pulse/gateway';
import type { ClientMessageOf, ServerMessageOf } from '@pulse/protocol';
import { GameRoomsService } from './game-rooms.service';
import { spawnPoint } from './spawn-point';

/** The reference game: join a room, move, and see everyone else move. */
@PulseGateway()
export class GameGateway {
  constructor(
    private readonly rooms: RoomsService,
    private readonly games: GameRoomsService,
  ) {}

  @OnMessage('join')
  join(@MessageBody() message: ClientMessageOf<'join'>, @Conn() connection: RealtimeConnection): ServerMessageOf<'snapshot'> {
    const { user } = connection;
    const state = this.games.room(message.room);
    const { firstForUser } = this.rooms.join(connection, message.room);
    if (firstForUser) this.rooms.broadcast(message.room, state.comeOnline(user, spawnPoint(user.id)), connection);
    return state.snapshot(user.id);
  }

  @OnMessage('move')
  move(@MessageBody() message: ClientMessageOf<'move'>, @Conn() connection: RealtimeConnection): void {
    this.rooms.requireMember(connection, message.room);
    const event = this.games.room(message.room).move(connection.user.id, message.x, message.y);
    if (event) this.rooms.broadcast(message.room, event, connection);
  }

  @OnMessage('leave')
  leave(@MessageBody() message: ClientMessageOf<'leave'>, @Conn() connection: RealtimeConnection): void {
    this.rooms.requireMember(connection, message.room);
    this.rooms.leave(connection, message.room);
  }
}
