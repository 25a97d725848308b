import { type DynamicModule, Module } from '@nestjs/common';
import {
  GATEWAY_OPTIONS,
  REDIS_CLIENTS,
  SEQUENCED_ROOM,
  type GatewayOptions,
  type RedisClients,
  type SequencedRoom,
} from '@pulse/gateway';
import { CHAT_ROOM_STORE, type ChatRoomStore } from './chat-room.store';
import { ChatGateway } from './chat.gateway';
import { InMemoryChatRoomStore } from './in-memory-chat-room.store';
import { RedisChatRoomStore } from './redis-chat-room.store';

function chatStore(
  redis: RedisClients | null,
  sequenced: SequencedRoom,
  gateway: GatewayOptions,
): ChatRoomStore {
  if (!redis) return new InMemoryChatRoomStore(sequenced);
  const idle = gateway.history.roomIdleExpiryMs;
  return new RedisChatRoomStore(redis.command, sequenced, idle !== undefined ? { recentTtlMs: idle } : {});
}

/** Chat lines (numbered in the room's one sequence, recent ones kept) and typing indicators. */
@Module({})
export class ChatModule {
  static forRoot(): DynamicModule {
    return {
      module: ChatModule,
      providers: [
        {
          provide: CHAT_ROOM_STORE,
          useFactory: chatStore,
          inject: [REDIS_CLIENTS, SEQUENCED_ROOM, GATEWAY_OPTIONS],
        },
        ChatGateway,
      ],
    };
  }
}
