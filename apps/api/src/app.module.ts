import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, InMemoryTicketStore, RedisTicketStore, TICKET_STORE } from '@pulse/auth';
import { PulseGatewayModule, REDIS_CLIENTS, type RedisClients } from '@pulse/gateway';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { GameModule } from './game/game.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
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
          ...(config.redisUrl ? { redis: { url: config.redisUrl, shardedPubSub: config.redisShardedPubSub } } : {}),
        }),
        GameModule.forRoot({ presenceTtlMs: config.presenceTtlMs, shardedPubSub: config.redisShardedPubSub }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
