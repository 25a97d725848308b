import { type DynamicModule, Module } from '@nestjs/common';
import {
  GATEWAY_OPTIONS,
  REDIS_CLIENTS,
  RoomsService,
  type GatewayOptions,
  type RedisClients,
} from '@pulse/gateway';
import { GAME_ROOM_STORE, type GameRoomStore } from '../game/game-room.store';
import { InMemoryGameRoomStore } from '../game/in-memory-game-room.store';
import { CHAT_ROOM_STORE, type ChatRoomStore } from './chat-room.store';
import { ChatGateway } from './chat.gateway';
import { InMemoryChatRoomStore } from './in-memory-chat-room.store';
import { RedisChatRoomStore } from './redis-chat-room.store';

export interface ChatModuleOptions {
  /** The app's game module (the same instance): its store owns each room's `seq`, which chat lines share. */
  game: DynamicModule;
  /** Publish with SPUBLISH (Redis Cluster sharded pub/sub). @default false */
  shardedPubSub: boolean;
}

function chatStore(
  redis: RedisClients | null,
  rooms: RoomsService,
  game: GameRoomStore,
  gateway: GatewayOptions,
  options: ChatModuleOptions,
): ChatRoomStore {
  if (redis) {
    const idle = gateway.history.roomIdleExpiryMs;
    return new RedisChatRoomStore(redis.command, {
      shardedPubSub: options.shardedPubSub,
      history: gateway.history,
      replicaAcks: redis.replicaAcks,
      ...(idle !== undefined ? { recentTtlMs: idle } : {}),
    });
  }
  if (!(game instanceof InMemoryGameRoomStore))
    throw new Error('chat without Redis needs the in-memory game store to number its lines');
  return new InMemoryChatRoomStore(rooms, game);
}

/** Chat lines (sequenced with the game, recent ones kept) and typing indicators. */
@Module({})
export class ChatModule {
  static forRoot(options: ChatModuleOptions): DynamicModule {
    return {
      module: ChatModule,
      imports: [options.game],
      providers: [
        {
          provide: CHAT_ROOM_STORE,
          useFactory: (
            redis: RedisClients | null,
            rooms: RoomsService,
            game: GameRoomStore,
            gateway: GatewayOptions,
          ) => chatStore(redis, rooms, game, gateway, options),
          inject: [REDIS_CLIENTS, RoomsService, GAME_ROOM_STORE, GATEWAY_OPTIONS],
        },
        ChatGateway,
      ],
    };
  }
}
