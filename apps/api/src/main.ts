import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DrainService, NodeLiveness } from '@pulse/gateway';
import { hostname } from 'node:os';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/load-config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.get(NodeLiveness).address = `${hostname()}:${port}`;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const log = new Logger('Pulse');
  log.log(`Pulse listening on http://${shownHost}:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: draining, then stopping`);
    await app
      .get(DrainService)
      .drain({ deadlineMs: config.drainTimeoutMs, batchSize: 200, batchIntervalMs: 100 });
    await app.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
  // A stray rejected promise (a dependency's command failing while it reconnects) is logged, never fatal.
  process.on('unhandledRejection', (reason: unknown) => {
    log.error(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Pulse failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
