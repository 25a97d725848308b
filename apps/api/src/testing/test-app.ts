import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DEV_USERS } from '@pulse/auth';
import { PulsePaths, type LoginResponse, type TicketResponse } from '@pulse/protocol';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type CreateAppOptions } from '../app.factory';
import { loadConfig } from '../config/load-config';

export interface TestApp {
  readonly app: INestApplication;
  readonly httpUrl: string;
  readonly wsUrl: string;
  login(username: string): Promise<string>;
  ticketFor(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The development secret (and sign-ins) of this test process, outside the workspace: tests started in parallel do
 * not share a `.pulse/` directory.
 */
const DEV_JWT_SECRET_FILE = join(tmpdir(), `pulse-test-${process.pid}`, 'dev-jwt-secret');

/** The real API on 127.0.0.1 and a free port, configured through the same env parsing as production. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    WEB_DIST_DIR: 'tmp/no-web',
    DEV_JWT_SECRET_FILE,
    ...env,
  });
  const app = await createApp(config, options);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const httpUrl = `http://127.0.0.1:${port}`;
  const tokens = new Map<string, string>();

  const jwt = new JwtService({ secret: config.jwtSecret });

  /** Dev users log in over HTTP; any other user gets a JWT minted with JWT_SECRET, as an identity provider would. */
  async function login(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    if (!DEV_USERS.some((user) => user.id === username)) {
      const minted = await jwt.signAsync({ sub: username }, { expiresIn: 3600 });
      tokens.set(username, minted);
      return minted;
    }
    const response = await fetch(`${httpUrl}${PulsePaths.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'pulse' }),
    });
    if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}`);
    const { accessToken } = (await response.json()) as LoginResponse;
    tokens.set(username, accessToken);
    return accessToken;
  }

  async function ticketFor(username: string): Promise<string> {
    const response = await fetch(`${httpUrl}${PulsePaths.ticket}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login(username)}` },
    });
    if (response.status !== 200) throw new Error(`ticket for ${username} answered ${response.status}`);
    return ((await response.json()) as TicketResponse).ticket;
  }

  return {
    app,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}${PulsePaths.websocket}`,
    login,
    ticketFor,
    close: () => app.close(),
  };
}
