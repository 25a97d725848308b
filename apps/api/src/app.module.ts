import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, InMemoryTicketStore, RedisTicketStore, TICKET_STORE } from '@pulse/auth';
import { PulseGatewayModule, REDIS_CLIENTS, type RedisClients } from '@pulse/gateway';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ChatModule } from './chat/chat.module';
import { GameModule } from './game/game.module';
import { HealthController } from './health/health.controller';
import { LobbyModule } from './lobby/lobby.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const game = GameModule.forRoot({ presenceTtlMs: config.presenceTtlMs, shardedPubSub: config.redisShardedPubSub });
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot({
          jwtSecret: config.jwtSecret,
          accessTokenTtlSeconds: config.accessTokenTtlSeconds,
          ticketTtlSeconds: config.ticketTtlSeconds,
          devLogin: config.devLogin,
          allowedOrigins: config.allowedOrigins,
        }, {
          provide: TICKET_STORE,
          useFactory: (redis: RedisClients | null) => (redis ? new RedisTicketStore(redis.command) : new InMemoryTicketStore()),
          inject: [REDIS_CLIENTS],
        }),
        PulseGatewayModule.forRoot({
          heartbeatIntervalMs: config.heartbeatIntervalMs,
          maxPayloadBytes: config.wsMaxPayloadBytes,
          history: { maxEvents: config.historyMaxEvents, maxAgeMs: config.historyMaxAgeMs },
          idempotency: { windowMs: config.idempotencyWindowMs, maxKeysPerUser: 1000 },
          ...(config.redisUrl ? { redis: { url: config.redisUrl, shardedPubSub: config.redisShardedPubSub } } : {}),
        }),
        game,
        ChatModule.forRoot({ game, shardedPubSub: config.redisShardedPubSub }),
        LobbyModule.forRoot({ game }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
