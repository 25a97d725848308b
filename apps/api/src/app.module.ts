import { type DynamicModule, Module } from '@nestjs/common';
import {
  AuthModule,
  FileRefreshTokenStore,
  InMemoryRefreshTokenStore,
  InMemoryRevocationStore,
  InMemoryTicketStore,
  RedisRefreshTokenStore,
  RedisRevocationStore,
  RedisTicketStore,
  REFRESH_TOKEN_STORE,
  REVOCATION_STORE,
  TICKET_STORE,
} from '@pulse/auth';
import { PulseGatewayModule, REDIS_CLIENTS, RolePrefixRoomPolicy, type RedisClients } from '@pulse/gateway';
import { AdminModule } from './admin/admin.module';
import { AdminConsoleModule } from './admin-console/admin-console.module';
import { AdminConsoleRoomPolicy } from './admin-console/admin-console-room.policy';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ChatModule } from './chat/chat.module';
import { CollabModule } from './collab/collab.module';
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
    const game = GameModule.forRoot({
      presenceTtlMs: config.presenceTtlMs,
      playerRetentionMs: config.gamePlayerRetentionMs,
      roomIdleExpiryMs: config.roomIdleExpiryMs,
      presenceGraceMs: config.presenceGraceMs,
    });
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot(
          {
            jwtSecret: config.jwtSecret,
            accessTokenTtlSeconds: config.accessTokenTtlSeconds,
            refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
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
          },
          {
            provide: TICKET_STORE,
            useFactory: (redis: RedisClients | null) =>
              redis ? new RedisTicketStore(redis.command) : new InMemoryTicketStore(),
            inject: [REDIS_CLIENTS],
          },
          {
            provide: REVOCATION_STORE,
            useFactory: (redis: RedisClients | null) =>
              redis ? new RedisRevocationStore(redis.command) : new InMemoryRevocationStore(),
            inject: [REDIS_CLIENTS],
          },
          {
            provide: REFRESH_TOKEN_STORE,
            useFactory: (redis: RedisClients | null) =>
              redis
                ? new RedisRefreshTokenStore(redis.command)
                : config.devRefreshSessionsFile
                  ? new FileRefreshTokenStore(config.devRefreshSessionsFile)
                  : new InMemoryRefreshTokenStore(),
            inject: [REDIS_CLIENTS],
          },
        ),
        PulseGatewayModule.forRoot(
          {
            heartbeatIntervalMs: config.heartbeatIntervalMs,
            maxPayloadBytes: config.wsMaxPayloadBytes,
            history: {
              maxEvents: config.historyMaxEvents,
              maxAgeMs: config.historyMaxAgeMs,
              roomIdleExpiryMs: config.roomIdleExpiryMs,
            },
            idempotency: { windowMs: config.idempotencyWindowMs, maxKeysPerUser: 1000 },
            sendBudget: config.sendBudget,
            ...(config.redis
              ? {
                  redis: {
                    target: config.redis,
                    shardedPubSub: config.redisShardedPubSub,
                    replicaAcks: config.redisAcks,
                  },
                }
              : {}),
          },
          {
            rateLimits: {
              messagesPerSecond: config.rateLimits.messagesPerSecond,
              upgradeFailuresPerMinute: config.rateLimits.upgradeFailuresPerMinute,
              trustedProxies: config.rateLimits.trustedProxies,
            },
            caps: config.caps,
            sessions: {
              reauthGraceSeconds: config.reauthGraceSeconds,
              resumeTicketTtlSeconds: config.resumeTicketTtlSeconds,
            },
            // The demo policy: rooms named admin:* need the role admin; ticker:* rooms belong to the ticker alone, and
            // admin:console to the console feed.
            roomPolicy: new AdminConsoleRoomPolicy(
              new TickerRoomPolicy(new RolePrefixRoomPolicy([{ prefix: 'admin:', role: 'admin' }])),
            ),
          },
        ),
        game,
        ChatModule.forRoot(),
        LobbyModule.forRoot({ game }),
        AdminModule,
        AdminConsoleModule.forRoot(),
        TickerModule.forRoot(config.ticker),
        // The demo policy: handbook:* documents are read by everyone and edited by admins only.
        CollabModule.forRoot({
          shardedPubSub: config.redisShardedPubSub,
          readOnly: [{ prefix: 'handbook:', writerRole: 'admin' }],
          idleExpiryMs: config.collabDocumentIdleExpiryMs,
        }),
        ...features,
      ],
      controllers: [HealthController, MetricsController, AsyncApiController],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
