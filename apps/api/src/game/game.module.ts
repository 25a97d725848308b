import { type DynamicModule, Module } from '@nestjs/common';
import { GATEWAY_OPTIONS, REDIS_CLIENTS, ROOM_HISTORY, RoomsService, type GatewayOptions, type RedisClients, type RoomHistory } from '@pulse/gateway';
import { GAME_ROOM_STORE } from './game-room.store';
import { GameDegradedMode } from './game-degraded-mode';
import { GameGateway } from './game.gateway';
import { GamePresenceRefresher, PRESENCE_REFRESH_INTERVAL_MS } from './game-presence.refresher';
import { InMemoryGameRoomStore } from './in-memory-game-room.store';
import { RedisGameRoomStore } from './redis-game-room.store';

export interface GameModuleOptions {
  presenceTtlMs: number;
  shardedPubSub: boolean;
}

@Module({})
export class GameModule {
  static forRoot(options: GameModuleOptions): DynamicModule {
    return {
      module: GameModule,
      providers: [
        {
          provide: GAME_ROOM_STORE,
          useFactory: (redis: RedisClients | null, rooms: RoomsService, history: RoomHistory, gateway: GatewayOptions) =>
            redis
              ? new RedisGameRoomStore(redis.command, {
                  presenceTtlMs: options.presenceTtlMs,
                  shardedPubSub: options.shardedPubSub,
                  history: gateway.history,
                })
              : new InMemoryGameRoomStore(rooms, history),
          inject: [REDIS_CLIENTS, RoomsService, ROOM_HISTORY, GATEWAY_OPTIONS],
        },
        { provide: PRESENCE_REFRESH_INTERVAL_MS, useValue: Math.max(50, Math.floor(options.presenceTtlMs / 3)) },
        GamePresenceRefresher,
        GameDegradedMode,
        GameGateway,
      ],
      exports: [GAME_ROOM_STORE],
    };
  }
}
