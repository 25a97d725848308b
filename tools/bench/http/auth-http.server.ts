/**
 * The auth HTTP bench's server: `AuthHttpBenchModule` on Nest's Express or Fastify adapter.
 *
 *   node -r @swc-node/register tools/bench/http/auth-http.server.ts express|fastify
 */
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AuthHttpBenchModule } from './auth-http.module';

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind !== 'express' && kind !== 'fastify') throw new Error('usage: auth-http.server.ts express|fastify');
  const adapter = kind === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(AuthHttpBenchModule, adapter, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  console.log(`listening on http://127.0.0.1:${address.port}`);
}

void main();
