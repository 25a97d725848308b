import { Controller, Get, Inject, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { StoreUnavailableError } from '@pulse/gateway';
import { JwtAuthGuard } from '@pulse/auth';
import type { RoomsResponse } from '@pulse/protocol';
import { GAME_ROOM_STORE, type GameRoomStore } from '../game/game-room.store';
import { lobbyRooms } from './lobby-rooms';

/** `GET /rooms`: the rooms with players online and how many, cluster-wide when the game state is shared. */
@Controller('rooms')
export class LobbyController {
  constructor(@Inject(GAME_ROOM_STORE) private readonly store: GameRoomStore) {}

  @Get()
  @UseGuards(JwtAuthGuard)
  async list(): Promise<RoomsResponse> {
    try {
      return lobbyRooms(await this.store.onlineCounts());
    } catch (error) {
      if (error instanceof StoreUnavailableError)
        throw new ServiceUnavailableException('room list temporarily unavailable');
      throw error;
    }
  }
}
