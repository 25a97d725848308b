import type { INestApplication, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AuthModule, TicketsService } from '@pulse/auth';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { PulseGatewayModule } from '../../gateway.module';
import type { GatewayOptions } from '../../gateway-options';
import { PulseMetrics } from '../../metrics/pulse-metrics';
import type { AccessOptions } from '../../sessions/access.providers';

/** The gateway module (with its `PingGateway`) and the real ticket check (`AuthModule`), in one Nest context. */
export interface TransportKit {
  get<T>(type: Type<T>): T;
  /** A real single-use ticket for `userId`, as `POST /auth/ticket` mints it. */
  ticketFor(userId: string): Promise<string>;
  /** An HTTP app over the same context, for the adapter (created once, on first use). */
  app(): INestApplication;
  /** The Prometheus text of `PulseMetrics`. */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

export async function startTransportKit(
  options: Partial<GatewayOptions> = {},
  access: AccessOptions = {},
): Promise<TransportKit> {
  const auth = AuthModule.forRoot({
    jwtSecret: 'transport-kit-secret-that-is-long-enough',
    accessTokenTtlSeconds: 3600,
    ticketTtlSeconds: 30,
    devLogin: false,
    allowedOrigins: [],
  });
  const context: TestingModule = await Test.createTestingModule({
    imports: [auth, PulseGatewayModule.forRoot(options, access)],
  }).compile();
  let app: INestApplication | undefined;
  return {
    get: (type) => context.get(type),
    ticketFor: async (userId) =>
      (await context.get(TicketsService).issue({ user: { id: userId, name: userId, roles: [] } })).ticket,
    app: () => (app ??= context.createNestApplication({ logger: false })),
    metrics: () => context.get(PulseMetrics).registry.metrics(),
    close: () => (app ? app.close() : context.close()),
  };
}

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** An HTTP server on 127.0.0.1 and a free port; `onUpgrade` gets its upgrade requests. */
export async function listenOnFreePort(
  onUpgrade?: UpgradeListener,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer();
  if (onUpgrade) server.on('upgrade', onUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
