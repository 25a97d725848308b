import { type DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DrainService, PulseAdapter } from '@pulse/gateway';
import { existsSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { closeWhileDraining } from './health/close-while-draining';
import { httpLogger } from './logging/http-logger';
import { nestLoggerOver } from './logging/nest-logger';
import { createRootLogger } from './logging/root-logger';

export interface CreateAppOptions {
  /** Where log lines go instead of stdout; tests read them from here. */
  readonly logDestination?: DestinationStream;
  /** A team's own feature modules, imported next to Pulse's (see `AppModule.forRoot`). */
  readonly features?: NonNullable<DynamicModule['imports']>;
}

/** Builds the whole API (HTTP, sockets, web app) from a config, without listening. Used by main and by tests. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const logger = await createRootLogger(config.log, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.features), { logger: nestLoggerOver(logger) });
  app.use(httpLogger(logger));
  app.use(closeWhileDraining(app.get(DrainService)));
  app.useWebSocketAdapter(new PulseAdapter(app));
  app.disable('x-powered-by');
  const openApi = new DocumentBuilder()
    .setTitle('Pulse HTTP API')
    .setDescription('Login, socket tickets, lobby, admin and health. The socket protocol itself is described at /asyncapi.json.')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });
  const log = new Logger('Pulse');
  if (existsSync(config.webDistDir)) app.useStaticAssets(config.webDistDir, { index: 'index.html' });
  else log.warn(`web app not found at ${config.webDistDir}; serving the API only (run: npx nx build web)`);
  if (config.jwtSecretGenerated) {
    log.warn('JWT_SECRET is not set: using a random secret for this process. Several nodes need one shared JWT_SECRET.');
  }
  if (!config.devLogin) {
    log.log('Dev login is off. Point JWT_JWKS_URI (with JWT_ISSUER, JWT_AUDIENCE) at your identity provider, or have it sign HS256 JWTs with JWT_SECRET (sub = user id); see docs/auth.md.');
  }
  return app;
}
