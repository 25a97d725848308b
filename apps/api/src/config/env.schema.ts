import { Type, type Static } from '@sinclair/typebox';

/**
 * Every environment variable the API reads, with its default. The README's configuration table and
 * `loadConfig` error messages come from here.
 */
export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
    description: 'production turns the dev login off and requires JWT_SECRET',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP and WebSocket port (0 picks a free one)' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Address to listen on' }),
  JWT_SECRET: Type.Optional(
    Type.String({ minLength: 32, description: 'HS256 secret for access tokens; at least 32 characters; shared by all nodes' }),
  ),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 86400, default: 3600, description: 'Lifetime of a dev-login access token' }),
  TICKET_TTL_SECONDS: Type.Integer({ minimum: 1, maximum: 600, default: 30, description: 'Lifetime of a single-use socket ticket' }),
  HEARTBEAT_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 600000, default: 30000, description: 'Server ping interval' }),
  WS_MAX_PAYLOAD_BYTES: Type.Integer({ minimum: 128, maximum: 16777216, default: 65536, description: 'Largest inbound frame; larger closes with 1009' }),
  ALLOWED_ORIGINS: Type.String({ default: '', description: 'Comma-separated browser origins allowed to open sockets; empty allows any' }),
  DEV_LOGIN: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'Force the dev login on or off' })),
  LOG_LEVEL: Type.Union(
    [Type.Literal('error'), Type.Literal('warn'), Type.Literal('log'), Type.Literal('debug'), Type.Literal('verbose')],
    { default: 'log', description: 'Lowest level that is logged' },
  ),
  REDIS_URL: Type.Optional(
    Type.String({ pattern: '^rediss?://', description: 'Share tickets, presence, room state and fan-out with other nodes through this Redis' }),
  ),
  REDIS_SHARDED_PUBSUB: Type.Union([Type.Literal('true'), Type.Literal('false')], {
    default: 'false',
    description: 'Use Redis Cluster sharded pub/sub (SPUBLISH/SSUBSCRIBE) for fan-out',
  }),
  PRESENCE_TTL_MS: Type.Optional(
    Type.Integer({ minimum: 100, maximum: 3600000, description: 'How long a node\'s players stay online after it dies (default: 2 heartbeats + 5 s)' }),
  ),
  HISTORY_MAX_EVENTS: Type.Integer({ minimum: 10, maximum: 1000000, default: 1000, description: 'Events kept per room for resuming clients' }),
  HISTORY_MAX_AGE_MS: Type.Integer({ minimum: 1000, maximum: 86400000, default: 600000, description: 'How long an event stays replayable' }),
  IDEMPOTENCY_WINDOW_MS: Type.Integer({ minimum: 1000, maximum: 86400000, default: 600000, description: 'How long a message id is remembered, so a resend is applied once' }),
  WEB_DIST_DIR: Type.String({ minLength: 1, default: 'dist/apps/web', description: 'Built web app served at /' }),
});

export type Env = Static<typeof EnvSchema>;
