import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const secret = 's'.repeat(40);
const scratch = mkdtempSync(join(tmpdir(), 'pulse-load-config-'));
/** The development secret of these tests lives in a scratch directory, not in the workspace. */
const devSecretFile = join(scratch, 'dev-jwt-secret');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('runs on defaults with nothing else set, keeping its JWT secret in DEV_JWT_SECRET_FILE', () => {
    const config = loadConfig({ DEV_JWT_SECRET_FILE: devSecretFile });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      ticketTtlSeconds: 30,
      resumeTicketTtlSeconds: 60,
      heartbeatIntervalMs: 30000,
      wsMaxPayloadBytes: 65536,
      allowedOrigins: [],
      devLogin: true,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 604800,
      jwtSecretSource: { kind: 'dev-file', path: devSecretFile },
      devRefreshSessionsFile: join(scratch, 'refresh-sessions.json'),
    });
    expect(loadConfigIn({ REDIS_URL: 'redis://127.0.0.1:6379' }).devRefreshSessionsFile).toBeUndefined();
    expect(loadConfigIn({ JWT_SECRET: secret }).devRefreshSessionsFile).toBeUndefined();
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      JWT_SECRET: secret,
      TICKET_TTL_SECONDS: '10',
      RESUME_TICKET_TTL_SECONDS: '0',
      HEARTBEAT_INTERVAL_MS: '500',
      WS_MAX_PAYLOAD_BYTES: '1024',
      ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      jwtSecret: secret,
      jwtSecretSource: { kind: 'env' },
      ticketTtlSeconds: 10,
      resumeTicketTtlSeconds: 0,
      heartbeatIntervalMs: 500,
      wsMaxPayloadBytes: 1024,
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
    });
  });

  it.each([
    ['REFRESH_TOKEN_TTL_SECONDS', '0'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['TICKET_TTL_SECONDS', '0'],
    ['HEARTBEAT_INTERVAL_MS', '1.5'],
    ['WS_MAX_PAYLOAD_BYTES', '-1'],
    ['NODE_ENV', 'staging'],
    ['ALLOWED_ORIGINS', 'not a url'],
    ['ALLOWED_ORIGINS', 'https://app.example.com/path'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
  ])('stops on a bad %s (%s) with a message naming it', (name, value) => {
    expect(() => loadConfig({ DEV_JWT_SECRET_FILE: devSecretFile, [name]: value })).toThrow(
      new RegExp(`^Invalid configuration:[\\s\\S]*${name}`),
    );
  });

  it("logs JSON at info by default, and takes pino levels, Nest's level names and the pretty format", () => {
    expect(loadConfigIn({}).log).toEqual({ level: 'info', format: 'json' });
    expect(loadConfigIn({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' }).log).toEqual({
      level: 'debug',
      format: 'pretty',
    });
    expect(loadConfigIn({ LOG_LEVEL: 'silent' }).log.level).toBe('silent');
    expect(loadConfigIn({ LOG_LEVEL: 'log' }).log.level).toBe('info');
    expect(loadConfigIn({ LOG_LEVEL: 'verbose' }).log.level).toBe('trace');
  });

  it('requires JWT_SECRET in production and turns the dev login off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).devLogin).toBe(false);
  });

  it('never prints a secret that is too short', () => {
    try {
      loadConfig({ JWT_SECRET: 'short-secret-value' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('JWT_SECRET');
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });

  it('requires JWT_SECRET in production even when a development secret file exists, and never reads it there', () => {
    loadConfig({ DEV_JWT_SECRET_FILE: devSecretFile });
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_JWT_SECRET_FILE: devSecretFile })).toThrow(
      /JWT_SECRET is required/,
    );
    const onJwks = loadConfig({
      NODE_ENV: 'production',
      JWT_JWKS_URI: 'https://idp.example/jwks.json',
      DEV_JWT_SECRET_FILE: devSecretFile,
    });
    expect(onJwks.jwtSecretSource).toEqual({ kind: 'random' });
    expect(onJwks.jwtSecret).not.toBe(loadConfig({ DEV_JWT_SECRET_FILE: devSecretFile }).jwtSecret);
  });

  it('lists every problem at once', () => {
    expect(() => loadConfigIn({ PORT: 'x', TICKET_TTL_SECONDS: 'y' })).toThrow(
      /PORT[\s\S]*TICKET_TTL_SECONDS/,
    );
  });
});

/** `loadConfig` with this file's scratch development secret. */
function loadConfigIn(env: Record<string, string>) {
  return loadConfig({ DEV_JWT_SECRET_FILE: devSecretFile, ...env });
}
