import { ASYMMETRIC_ALGORITHMS, type AsymmetricAlgorithm } from '@pulse/auth';
import { compileTrustedProxies, parseRedisAddresses, type RedisTarget } from '@pulse/gateway';
import { TickerSymbol } from '@pulse/protocol';
import { Value } from '@sinclair/typebox/value';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig, JwtSecretSource, LogLevel } from './app-config';
import { readOrCreateDevJwtSecret } from './dev-jwt-secret';
import { EnvSchema, type Env } from './env.schema';

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set(['JWT_SECRET']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads, validates and types the environment once. Throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(EnvSchema.properties)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const problems = [...Value.Errors(EnvSchema, converted)].map((error) =>
    describe(error.path, error.message, raw),
  );
  const origins =
    typeof raw['ALLOWED_ORIGINS'] === 'string' ? parseOrigins(raw['ALLOWED_ORIGINS'], problems) : [];
  const parsed = converted as Env;
  if (
    parsed.NODE_ENV === 'production' &&
    !parsed.JWT_SECRET &&
    !parsed.JWT_JWKS_URI &&
    problems.length === 0
  ) {
    problems.push(
      'JWT_SECRET is required when NODE_ENV=production (at least 32 characters, the same on every node), unless JWT_JWKS_URI is set',
    );
  }
  if (parsed.NODE_ENV === 'production' && parsed.JWT_JWKS_URI?.startsWith('http://')) {
    problems.push(
      'JWT_JWKS_URI: must be an https URL when NODE_ENV=production (keys fetched in clear text can be swapped)',
    );
  }
  const jwtAlgorithms =
    typeof parsed.JWT_ALGORITHMS === 'string' ? parseAlgorithms(parsed.JWT_ALGORITHMS, problems) : [];
  const trustedProxies =
    typeof parsed.TRUSTED_PROXIES === 'string' ? parseProxies(parsed.TRUSTED_PROXIES, problems) : [];
  const tickerSymbols =
    typeof parsed.TICKER_SYMBOLS === 'string' ? parseSymbols(parsed.TICKER_SYMBOLS, problems) : [];
  if (parsed.MAX_ROOMS_PER_CONNECTION > 0 && tickerSymbols.length + 1 > parsed.MAX_ROOMS_PER_CONNECTION) {
    // The web app's ticker page subscribes to every symbol, and a game room may still be joined while it opens.
    problems.push(
      `MAX_ROOMS_PER_CONNECTION: ${parsed.MAX_ROOMS_PER_CONNECTION} is too few for the web app: it needs one room per TICKER_SYMBOLS symbol (${tickerSymbols.length}) plus a game room`,
    );
  }
  if (
    parsed.WS_SEND_LOW_WATER_BYTES > parsed.WS_SEND_HIGH_WATER_BYTES ||
    parsed.WS_SEND_HIGH_WATER_BYTES >= parsed.WS_SEND_HARD_LIMIT_BYTES
  ) {
    problems.push('WS_SEND_LOW_WATER_BYTES <= WS_SEND_HIGH_WATER_BYTES < WS_SEND_HARD_LIMIT_BYTES must hold');
  }
  const redis = redisTargetOf(parsed, problems);
  if (parsed.REDIS_SHARDED_PUBSUB === 'true' && redis?.kind !== 'cluster') {
    problems.push(
      'REDIS_SHARDED_PUBSUB: true needs a Redis Cluster (REDIS_CLUSTER_NODES); one primary has no shards to spread channels over',
    );
  }
  const signing = problems.length === 0 ? jwtSecretOf(parsed, problems) : undefined;
  if (problems.length > 0 || !signing) throw new ConfigError(problems);

  return {
    nodeEnv: parsed.NODE_ENV,
    port: parsed.PORT,
    host: parsed.HOST,
    jwtSecret: signing.secret,
    jwtSecretSource: signing.source,
    accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
    jwt: {
      ...(parsed.JWT_JWKS_URI ? { jwksUri: parsed.JWT_JWKS_URI } : {}),
      ...(parsed.JWT_ISSUER ? { issuer: parsed.JWT_ISSUER } : {}),
      ...(parsed.JWT_AUDIENCE ? { audience: parsed.JWT_AUDIENCE } : {}),
      algorithms: jwtAlgorithms,
      clockSkewSeconds: parsed.JWT_CLOCK_SKEW_SECONDS,
      rolesClaim: parsed.JWT_ROLES_CLAIM,
    },
    rateLimits: {
      upgradeFailuresPerMinute: parsed.RATE_LIMIT_UPGRADE_FAILURES_PER_MINUTE,
      ticketsPerMinute: parsed.RATE_LIMIT_TICKETS_PER_MINUTE,
      messagesPerSecond: parsed.RATE_LIMIT_MESSAGES_PER_SECOND,
      trustedProxies,
    },
    caps: {
      maxRoomsPerConnection: parsed.MAX_ROOMS_PER_CONNECTION,
      maxConnectionsPerUser: parsed.MAX_CONNECTIONS_PER_USER,
      roomCreationsPerMinute: parsed.RATE_LIMIT_ROOM_CREATIONS_PER_MINUTE,
    },
    reauthGraceSeconds: parsed.REAUTH_GRACE_SECONDS,
    ticketTtlSeconds: parsed.TICKET_TTL_SECONDS,
    resumeTicketTtlSeconds: parsed.RESUME_TICKET_TTL_SECONDS,
    heartbeatIntervalMs: parsed.HEARTBEAT_INTERVAL_MS,
    wsMaxPayloadBytes: parsed.WS_MAX_PAYLOAD_BYTES,
    allowedOrigins: origins,
    devLogin: parsed.DEV_LOGIN === undefined ? parsed.NODE_ENV !== 'production' : parsed.DEV_LOGIN === 'true',
    apiDocs: parsed.API_DOCS === undefined ? parsed.NODE_ENV !== 'production' : parsed.API_DOCS === 'true',
    log: { level: logLevelOf(parsed.LOG_LEVEL), format: parsed.LOG_FORMAT },
    webDistDir: resolve(parsed.WEB_DIST_DIR),
    redisShardedPubSub:
      parsed.REDIS_SHARDED_PUBSUB === undefined
        ? redis?.kind === 'cluster'
        : parsed.REDIS_SHARDED_PUBSUB === 'true',
    redisAcks: { replicas: parsed.REDIS_ACK_REPLICAS, timeoutMs: parsed.REDIS_ACK_TIMEOUT_MS },
    presenceGraceMs: parsed.PRESENCE_GRACE_MS,
    roomIdleExpiryMs: parsed.ROOM_IDLE_EXPIRY_MS,
    gamePlayerRetentionMs: parsed.GAME_PLAYER_RETENTION_MS,
    presenceTtlMs: parsed.PRESENCE_TTL_MS ?? 2 * parsed.HEARTBEAT_INTERVAL_MS + 5000,
    historyMaxEvents: parsed.HISTORY_MAX_EVENTS,
    historyMaxAgeMs: parsed.HISTORY_MAX_AGE_MS,
    idempotencyWindowMs: parsed.IDEMPOTENCY_WINDOW_MS,
    drainTimeoutMs: parsed.DRAIN_TIMEOUT_MS,
    sendBudget: {
      highWaterBytes: parsed.WS_SEND_HIGH_WATER_BYTES,
      lowWaterBytes: parsed.WS_SEND_LOW_WATER_BYTES,
      hardLimitBytes: parsed.WS_SEND_HARD_LIMIT_BYTES,
    },
    ...(parsed.COLLAB_DOCUMENT_IDLE_EXPIRY_MS === undefined
      ? {}
      : { collabDocumentIdleExpiryMs: parsed.COLLAB_DOCUMENT_IDLE_EXPIRY_MS }),
    ticker: { symbols: tickerSymbols, rateHz: parsed.TICKER_RATE_HZ, leaseTtlMs: parsed.TICKER_LEASE_TTL_MS },
    ...(redis ? { redis } : {}),
    ...(signing.source.kind === 'dev-file' && !redis
      ? { devRefreshSessionsFile: join(dirname(signing.source.path), 'refresh-sessions.json') }
      : {}),
  };
}

/**
 * `JWT_SECRET` when set. Otherwise, outside production, the secret kept in `DEV_JWT_SECRET_FILE` (made on first
 * start), so a restart keeps everyone signed in; in production (on a JWKS, or the boot stopped earlier) one for this
 * process only, never written anywhere.
 */
function jwtSecretOf(
  parsed: Env,
  problems: string[],
): { secret: string; source: JwtSecretSource } | undefined {
  if (parsed.JWT_SECRET) return { secret: parsed.JWT_SECRET, source: { kind: 'env' } };
  if (parsed.NODE_ENV === 'production')
    return { secret: randomBytes(48).toString('base64url'), source: { kind: 'random' } };
  const path = resolve(parsed.DEV_JWT_SECRET_FILE);
  try {
    const { secret, created } = readOrCreateDevJwtSecret(path);
    return { secret, source: { kind: 'dev-file', path, created } };
  } catch (error) {
    problems.push(
      `DEV_JWT_SECRET_FILE: ${(error as Error).message}; set JWT_SECRET, or point DEV_JWT_SECRET_FILE at a writable path`,
    );
    return undefined;
  }
}

const REDIS_VARIABLES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

/** Where Redis is: at most one of the three ways to say it. */
function redisTargetOf(parsed: Env, problems: string[]): RedisTarget | undefined {
  const given = REDIS_VARIABLES.filter((name) => parsed[name] !== undefined);
  if (given.length > 1) {
    problems.push(
      `${given.join(' and ')}: set only one of REDIS_URL (one primary), REDIS_CLUSTER_NODES (a cluster) or REDIS_SENTINELS (Sentinel)`,
    );
    return undefined;
  }
  if (parsed.REDIS_SENTINEL_NAME !== undefined && parsed.REDIS_SENTINELS === undefined) {
    problems.push('REDIS_SENTINEL_NAME: only means something with REDIS_SENTINELS');
  }
  if (parsed.REDIS_URL !== undefined) return { kind: 'primary', url: parsed.REDIS_URL };
  if (parsed.REDIS_CLUSTER_NODES !== undefined) {
    const nodes = parseRedisAddresses(parsed.REDIS_CLUSTER_NODES);
    if ('addresses' in nodes) return { kind: 'cluster', nodes: nodes.addresses };
    problems.push(`REDIS_CLUSTER_NODES: "${nodes.invalid}" is not host:port`);
  }
  if (parsed.REDIS_SENTINELS !== undefined) {
    const sentinels = parseRedisAddresses(parsed.REDIS_SENTINELS);
    if (!('addresses' in sentinels))
      problems.push(`REDIS_SENTINELS: "${sentinels.invalid}" is not host:port`);
    if (parsed.REDIS_SENTINEL_NAME === undefined)
      problems.push(
        'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the master name the Sentinels monitor)',
      );
    if ('addresses' in sentinels && parsed.REDIS_SENTINEL_NAME !== undefined) {
      return { kind: 'sentinel', sentinels: sentinels.addresses, name: parsed.REDIS_SENTINEL_NAME };
    }
  }
  return undefined;
}

/** pino's level for a `LOG_LEVEL`, which also accepts Nest's names. */
function logLevelOf(name: Env['LOG_LEVEL']): LogLevel {
  if (name === 'log') return 'info';
  if (name === 'verbose') return 'trace';
  return name;
}

function describe(path: string, message: string, raw: Record<string, unknown>): string {
  const name = path.replace(/^\//, '').split('/')[0] || 'environment';
  const schema = EnvSchema.properties[name as keyof typeof EnvSchema.properties];
  const given = SECRET_VARIABLES.has(name) || raw[name] === undefined ? '' : ` (got "${String(raw[name])}")`;
  const hint = schema?.description ? `; ${schema.description}` : '';
  return `${name}: ${message.toLowerCase()}${given}${hint}`;
}

/** The JWKS algorithm allow-list: asymmetric only, so `none` and HS* (which an RS key could forge) never pass. */
function parseAlgorithms(list: string, problems: string[]): AsymmetricAlgorithm[] {
  const algorithms: AsymmetricAlgorithm[] = [];
  for (const entry of list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const known = ASYMMETRIC_ALGORITHMS.find((algorithm) => algorithm === entry);
    if (known) algorithms.push(known);
    else
      problems.push(
        `JWT_ALGORITHMS: "${entry}" is not allowed; use any of ${ASYMMETRIC_ALGORITHMS.join(', ')}`,
      );
  }
  if (algorithms.length === 0 && problems.length === 0)
    problems.push('JWT_ALGORITHMS: name at least one algorithm');
  return algorithms;
}

/** Proxy addresses, CIDR ranges or proxy-addr's names, each checked the way the gateway will compile them. */
function parseProxies(list: string, problems: string[]): string[] {
  const entries = list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      compileTrustedProxies([entry]);
    } catch (error) {
      problems.push(`TRUSTED_PROXIES: ${(error as Error).message}`);
    }
  }
  return entries;
}

/** Ticker symbols: each one the protocol accepts in `subscribe`, none twice. */
function parseSymbols(list: string, problems: string[]): string[] {
  const symbols: string[] = [];
  for (const symbol of list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    if (!Value.Check(TickerSymbol, symbol))
      problems.push(
        `TICKER_SYMBOLS: "${symbol}" is not a symbol (1-16 of A-Z, 0-9, ".", "-", starting with a letter or digit)`,
      );
    else if (symbols.includes(symbol)) problems.push(`TICKER_SYMBOLS: "${symbol}" is listed twice`);
    else symbols.push(symbol);
  }
  if (symbols.length === 0 && problems.length === 0)
    problems.push('TICKER_SYMBOLS: name at least one symbol');
  return symbols;
}

function parseOrigins(list: string, problems: string[]): string[] {
  const origins: string[] = [];
  for (const entry of list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      problems.push(
        `ALLOWED_ORIGINS: "${entry}" is not an origin like https://app.example.com (scheme, host, optional port)`,
      );
    } else origins.push(origin);
  }
  return origins;
}
