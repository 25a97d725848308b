import { ConfigError, loadConfig } from './load-config';

const secret = 's'.repeat(40);

describe('loadConfig', () => {
  it('runs on defaults with nothing set, making a JWT secret for this process', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      ticketTtlSeconds: 30,
      heartbeatIntervalMs: 30000,
      wsMaxPayloadBytes: 65536,
      allowedOrigins: [],
      devLogin: true,
      jwtSecretGenerated: true,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      JWT_SECRET: secret,
      TICKET_TTL_SECONDS: '10',
      HEARTBEAT_INTERVAL_MS: '500',
      WS_MAX_PAYLOAD_BYTES: '1024',
      ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      jwtSecret: secret,
      jwtSecretGenerated: false,
      ticketTtlSeconds: 10,
      heartbeatIntervalMs: 500,
      wsMaxPayloadBytes: 1024,
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
    });
  });

  it.each([
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
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:[\\s\\S]*${name}`));
  });

  it('logs JSON at info by default, and takes pino levels, Nest\'s level names and the pretty format', () => {
    expect(loadConfig({}).log).toEqual({ level: 'info', format: 'json' });
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' }).log).toEqual({ level: 'debug', format: 'pretty' });
    expect(loadConfig({ LOG_LEVEL: 'silent' }).log.level).toBe('silent');
    expect(loadConfig({ LOG_LEVEL: 'log' }).log.level).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'verbose' }).log.level).toBe('trace');
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

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', TICKET_TTL_SECONDS: 'y' })).toThrow(/PORT[\s\S]*TICKET_TTL_SECONDS/);
  });
});
