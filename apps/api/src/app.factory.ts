import { type DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DrainService, PulseAdapter } from '@pulse/gateway';
import { buildOpenApiDocument } from '@pulse/protocol';
import { existsSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { closeWhileDraining } from './health/close-while-draining';
import { DOCS_PATH, securityHeaders } from './http-security/security-headers.middleware';
import { useNodeMiddleware } from './http-server/node-middleware';
import { httpLogger } from './logging/http-logger';
import { nestLoggerOver } from './logging/nest-logger';
import { createRootLogger } from './logging/root-logger';
import { serveWebAssets, webAppUrl } from './web-assets/web-assets.plugin';

export interface CreateAppOptions {
  /** Where log lines go instead of stdout; tests read them from here. */
  readonly logDestination?: DestinationStream;
  /** A team's own feature modules, imported next to Pulse's (see `AppModule.forRoot`). */
  readonly features?: NonNullable<DynamicModule['imports']>;
}

/** Builds the whole API (HTTP, sockets, web app) from a config, without listening. Used by main and by tests. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = await createRootLogger(config.log, options.logDestination);
  const webApp = existsSync(config.webDistDir);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.features),
    new FastifyAdapter({
      // As under Express: bodies capped at body-parser's 100 KiB (Fastify: 1 MiB), and a path parameter as long as
      // Node's 16 KiB header cap lets through (Fastify: 100 characters, then 414), so a handler's own check answers.
      bodyLimit: 100 * 1024,
      routerOptions: { maxParamLength: 16 * 1024 },
      ...(webApp ? { rewriteUrl: webAppUrl } : {}),
    }),
    { logger: nestLoggerOver(logger), abortOnError: false },
  );
  useNodeMiddleware(app, httpLogger(logger));
  useNodeMiddleware(app, securityHeaders({ docs: config.apiDocs }));
  useNodeMiddleware(app, closeWhileDraining(app.get(DrainService)));
  app.useWebSocketAdapter(new PulseAdapter(app));
  if (config.apiDocs) serveApiDocs(app, config.devLogin);
  const log = new Logger('Pulse');
  if (webApp) await serveWebAssets(app, config.webDistDir);
  else log.warn(`web app not found at ${config.webDistDir}; serving the API only (run: npx nx build web)`);
  const source = config.jwtSecretSource;
  if (source.kind === 'dev-file') {
    log.warn(
      `JWT_SECRET is not set: signing with the development secret ${source.created ? 'just created in' : 'kept in'} ${source.path} ` +
        `(DEV_JWT_SECRET_FILE), so sign-ins survive restarts${config.devRefreshSessionsFile ? `; sign-ins are kept in ${config.devRefreshSessionsFile}` : ''}. ` +
        'Never used with NODE_ENV=production; several nodes need one shared JWT_SECRET.',
    );
  } else if (source.kind === 'random') {
    log.log(
      'JWT_SECRET is not set: HS256 tokens are signed with a secret of this process only; access tokens come from JWT_JWKS_URI.',
    );
  }
  if (config.devLogin && config.nodeEnv === 'production') {
    log.warn(
      'DEV_LOGIN=true with NODE_ENV=production: anyone can sign in as a dev user with the shared dev password. Unset DEV_LOGIN unless this is a demo.',
    );
  }
  if (!config.devLogin) {
    log.log(
      'Dev login is off. Point JWT_JWKS_URI (with JWT_ISSUER, JWT_AUDIENCE) at your identity provider, or have it sign HS256 JWTs with JWT_SECRET (sub = user id); see docs/auth.md.',
    );
  }
  return app;
}

/** Swagger UI at /docs and its document at /docs/openapi.json (see `API_DOCS`), built from libs/protocol's HTTP contract. */
function serveApiDocs(app: NestFastifyApplication, devLogin: boolean): void {
  // The document is OpenAPI 3.1 (JSON Schema bodies); @nestjs/swagger's type names 3.0 but serves any document.
  const document = buildOpenApiDocument({ devLogin }) as unknown as OpenAPIObject;
  const path = DOCS_PATH.slice(1);
  SwaggerModule.setup(path, app, document, { jsonDocumentUrl: `${path}/openapi.json` });
}
