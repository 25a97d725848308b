import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@pulse/auth';
import { PulseGatewayModule } from '@pulse/gateway';
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
        }),
        PulseGatewayModule.forRoot({
          heartbeatIntervalMs: config.heartbeatIntervalMs,
          maxPayloadBytes: config.wsMaxPayloadBytes,
        }),
        GameModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
