import { type DynamicModule, Module } from '@nestjs/common';
import {
  GATEWAY_OPTIONS,
  NodeLiveness,
  REDIS_CLIENTS,
  ROOM_HISTORY,
  RoomsService,
  type GatewayOptions,
  type RedisClients,
  type RoomHistory,
} from '@pulse/gateway';
import { CursorGateway } from './cursors/cursor.gateway';
import { GAME_ROOM_STORE } from './game-room.store';
import { GameDegradedMode } from './game-degraded-mode';
import { GameGateway, PRESENCE_GRACE } from './game.gateway';
import { PresenceGrace } from './presence-grace';
import { GamePresenceRefresher, PRESENCE_REFRESH_INTERVAL_MS } from './game-presence.refresher';
import { InMemoryGameRoomStore } from './in-memory-game-room.store';
import { RedisGameRoomStore } from './redis-game-room.store';

export interface GameModuleOptions {
  presenceTtlMs: number;
  shardedPubSub: boolean;
  /** How long a player who left stays in snapshots and keeps their place. @default 600000 */
  playerRetentionMs?: number;
  /** A room idle this long loses its state; presence refreshes keep a room with members alive. @default 86400000 */
  roomIdleExpiryMs?: number;
  /** How long a dropped or drained connection's presence outlives it (see `PresenceGrace`). @default 5000 */
  presenceGraceMs?: number;
}

@Module({})
export class GameModule {
  static forRoot(options: GameModuleOptions): DynamicModule {
    return {
      module: GameModule,
      providers: [
        {
          provide: GAME_ROOM_STORE,
          useFactory: (
            redis: RedisClients | null,
            rooms: RoomsService,
            history: RoomHistory,
            gateway: GatewayOptions,
            liveness: NodeLiveness,
          ) =>
            redis
              ? new RedisGameRoomStore(redis.command, {
                  presenceTtlMs: options.presenceTtlMs,
                  shardedPubSub: options.shardedPubSub,
                  history: gateway.history,
                  nodeId: liveness.nodeId,
                  replicaAcks: redis.replicaAcks,
                  ...(options.playerRetentionMs !== undefined
                    ? { playerRetentionMs: options.playerRetentionMs }
                    : {}),
                })
              : new InMemoryGameRoomStore(rooms, history, {
                  ...(options.playerRetentionMs !== undefined
                    ? { playerRetentionMs: options.playerRetentionMs }
                    : {}),
                  ...(options.roomIdleExpiryMs !== undefined
                    ? { roomIdleExpiryMs: options.roomIdleExpiryMs }
                    : {}),
                }),
          inject: [REDIS_CLIENTS, RoomsService, ROOM_HISTORY, GATEWAY_OPTIONS, NodeLiveness],
        },
        {
          provide: PRESENCE_REFRESH_INTERVAL_MS,
          useValue: Math.max(
            50,
            Math.floor(Math.min(options.presenceTtlMs, options.roomIdleExpiryMs ?? Infinity) / 3),
          ),
        },
        { provide: PRESENCE_GRACE, useFactory: () => new PresenceGrace(options.presenceGraceMs ?? 5000) },
        GamePresenceRefresher,
        GameDegradedMode,
        GameGateway,
        CursorGateway,
      ],
      exports: [GAME_ROOM_STORE],
    };
  }
}
