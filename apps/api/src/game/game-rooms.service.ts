import { Injectable } from '@nestjs/common';
import { RoomsService, type MemberLeft } from '@pulse/gateway';
import { GameRoomState } from './game-room.state';

/** The game rooms of this node. Takes a player offline when their last connection in a room goes. */
@Injectable()
export class GameRoomsService {
  private readonly rooms = new Map<string, GameRoomState>();

  constructor(private readonly roomsService: RoomsService) {
    roomsService.onMemberLeft((event) => this.onMemberLeft(event));
  }

  room(name: string): GameRoomState {
    let state = this.rooms.get(name);
    if (!state) {
      state = new GameRoomState(name);
      this.rooms.set(name, state);
    }
    return state;
  }

  private onMemberLeft({ room, connection, lastForUser }: MemberLeft): void {
    if (!lastForUser) return;
    const event = this.rooms.get(room)?.goOffline(connection.user.id);
    if (event) this.roomsService.broadcast(room, event, connection);
  }
}
