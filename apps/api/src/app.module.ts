import { type DynamicModule, Module } from '@nestjs/common';
import {
  AuthModule,
  InMemoryRevocationStore,
  InMemoryTicketStore,
  RedisRevocationStore,
  RedisTicketStore,
  REVOCATION_STORE,
  TICKET_STORE,
} from '@pulse/auth';
import { PulseGatewayModule, REDIS_CLIENTS, RolePrefixRoomPolicy, type RedisClients } from '@pulse/gateway';
import { AdminModule } from './admin/admin.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ChatModule } from './chat/chat.module';
import { GameModule } from './game/game.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { AsyncApiController } from './protocol-docs/asyncapi.controller';
import { LobbyModule } from './lobby/lobby.module';
import { TickerModule } from './ticker/ticker.module';
import { TickerRoomPolicy } from './ticker/ticker-room.policy';

@Module({})
export class AppModule {
  /** `features`: a team's own modules (gateways, controllers) served alongside Pulse's, with its stores and guards. */
  static forRoot(config: AppConfig, features: NonNullable<DynamicModule['imports']> = []): DynamicModule {
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
          ...(config.jwt.jwksUri ? { jwksUri: config.jwt.jwksUri } : {}),
          ...(config.jwt.issuer ? { issuer: config.jwt.issuer } : {}),
          ...(config.jwt.audience ? { audience: config.jwt.audience } : {}),
          jwksAlgorithms: config.jwt.algorithms,
          clockSkewSeconds: config.jwt.clockSkewSeconds,
          rolesClaim: config.jwt.rolesClaim,
          ticketsPerMinute: config.rateLimits.ticketsPerMinute,
        }, {
          provide: TICKET_STORE,
          useFactory: (redis: RedisClients | null) => (redis ? new RedisTicketStore(redis.command) : new InMemoryTicketStore()),
          inject: [REDIS_CLIENTS],
        }, {
          provide: REVOCATION_STORE,
          useFactory: (redis: RedisClients | null) => (redis ? new RedisRevocationStore(redis.command) : new InMemoryRevocationStore()),
          inject: [REDIS_CLIENTS],
        }),
        PulseGatewayModule.forRoot({
          heartbeatIntervalMs: config.heartbeatIntervalMs,
          maxPayloadBytes: config.wsMaxPayloadBytes,
          history: { maxEvents: config.historyMaxEvents, maxAgeMs: config.historyMaxAgeMs },
          idempotency: { windowMs: config.idempotencyWindowMs, maxKeysPerUser: 1000 },
          sendBudget: config.sendBudget,
          ...(config.redisUrl ? { redis: { url: config.redisUrl, shardedPubSub: config.redisShardedPubSub } } : {}),
        }, {
          rateLimits: {
            messagesPerSecond: config.rateLimits.messagesPerSecond,
            upgradeFailuresPerMinute: config.rateLimits.upgradeFailuresPerMinute,
            trustedProxies: config.rateLimits.trustedProxies,
          },
          sessions: { reauthGraceSeconds: config.reauthGraceSeconds },
          // The demo policy: rooms named admin:* need the role admin; ticker:* rooms belong to the ticker alone.
          roomPolicy: new TickerRoomPolicy(new RolePrefixRoomPolicy([{ prefix: 'admin:', role: 'admin' }])),
        }),
        game,
        ChatModule.forRoot({ game, shardedPubSub: config.redisShardedPubSub }),
        LobbyModule.forRoot({ game }),
        AdminModule,
        TickerModule.forRoot({ ...config.ticker, shardedPubSub: config.redisShardedPubSub }),
        ...features,
      ],
      controllers: [HealthController, MetricsController, AsyncApiController],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
