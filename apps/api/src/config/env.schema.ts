import { Type, type Static } from '@sinclair/typebox';

/**
 * Every environment variable the API reads, with its default. The README's configuration table and
 * `loadConfig` error messages come from here.
 */
export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
    description: 'production turns the dev login off and requires JWT_SECRET (or JWT_JWKS_URI)',
  }),
  PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 3000,
    description: 'HTTP and WebSocket port (0 picks a free one)',
  }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Address to listen on' }),
  JWT_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'HS256 secret for access tokens; at least 32 characters; shared by all nodes',
    }),
  ),
  DEV_JWT_SECRET_FILE: Type.String({
    minLength: 1,
    default: '.pulse/dev-jwt-secret',
    description:
      'Without JWT_SECRET and outside production: file holding the generated HS256 secret (created on first start, mode 0600), so sign-ins survive restarts',
  }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 86400,
    default: 900,
    description: 'Lifetime of an access token from the dev login or a refresh',
  }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 31536000,
    default: 604800,
    description: 'Lifetime of a refresh token (the pulse_refresh cookie); every refresh starts it again',
  }),
  TICKET_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 600,
    default: 30,
    description: 'Lifetime of a single-use socket ticket',
  }),
  RESUME_TICKET_TTL_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 600,
    default: 60,
    description:
      'Lifetime of the resume ticket a socket gets to reconnect without POST /auth/ticket; 0 turns resume tickets off',
  }),
  JWT_JWKS_URI: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        "Identity provider's JWKS URL (https in production); access tokens are verified against its keys",
    }),
  ),
  JWT_ISSUER: Type.Optional(Type.String({ minLength: 1, description: 'Required iss of access tokens' })),
  JWT_AUDIENCE: Type.Optional(Type.String({ minLength: 1, description: 'Required aud of access tokens' })),
  JWT_ALGORITHMS: Type.String({
    minLength: 1,
    default: 'RS256,RS384,RS512,PS256,PS384,PS512,ES256,ES384,ES512',
    description: 'Comma-separated algorithms accepted from the JWKS: RS*, PS*, ES* (never none or HS*)',
  }),
  JWT_CLOCK_SKEW_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 300,
    default: 30,
    description: 'Tolerance for exp and nbf',
  }),
  JWT_ROLES_CLAIM: Type.String({
    minLength: 1,
    maxLength: 256,
    default: 'roles',
    description: 'Claim (or dotted path) holding the roles',
  }),
  RATE_LIMIT_UPGRADE_FAILURES_PER_MINUTE: Type.Integer({
    minimum: 0,
    maximum: 1000000,
    default: 60,
    description: 'Refused upgrades per minute per address before 429; 0 disables',
  }),
  RATE_LIMIT_TICKETS_PER_MINUTE: Type.Integer({
    minimum: 0,
    maximum: 1000000,
    default: 120,
    description: 'Tickets per minute per user before 429; 0 disables',
  }),
  RATE_LIMIT_MESSAGES_PER_SECOND: Type.Integer({
    minimum: 0,
    maximum: 1000000,
    default: 128,
    description:
      'Messages per second per connection (bursts of twice that; a 128-tick game client fits); 0 disables',
  }),
  RATE_LIMIT_ROOM_CREATIONS_PER_MINUTE: Type.Integer({
    minimum: 0,
    maximum: 1000000,
    default: 60,
    description:
      'Rooms one user may bring into existence on a node per minute (joins of a room with no member there yet), bursts of as many; past it LIMIT_EXCEEDED; 0 disables',
  }),
  MAX_ROOMS_PER_CONNECTION: Type.Integer({
    minimum: 0,
    maximum: 1000000,
    default: 32,
    description:
      'Rooms one connection may be in at once (the web app needs 1, or one per ticker symbol); past it a join gets LIMIT_EXCEEDED; 0 disables',
  }),
  MAX_CONNECTIONS_PER_USER: Type.Integer({
    minimum: 0,
    maximum: 1000000,
    default: 16,
    description:
      'Sockets one user may have open on a node, both transports; the newest past it is refused with 429, open ones stay; 0 disables',
  }),
  REAUTH_GRACE_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 30,
    description: 'Time to answer reauth-required before the socket closes with 4001',
  }),
  TRUSTED_PROXIES: Type.String({
    default: '',
    description:
      'Comma-separated proxies whose X-Forwarded-For names the client, for per-address limits: IP addresses, CIDR ranges (10.0.0.0/8, fd00::/8), loopback, linklocal or uniquelocal',
  }),
  HEARTBEAT_INTERVAL_MS: Type.Integer({
    minimum: 50,
    maximum: 600000,
    default: 30000,
    description: 'Server ping interval',
  }),
  WS_MAX_PAYLOAD_BYTES: Type.Integer({
    minimum: 128,
    maximum: 16777216,
    default: 65536,
    description: 'Largest inbound frame; larger closes with 1009',
  }),
  ALLOWED_ORIGINS: Type.String({
    default: '',
    description: 'Comma-separated browser origins allowed to open sockets; empty allows any',
  }),
  DEV_LOGIN: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description: 'Force the dev login on or off (on with NODE_ENV=production logs a warning at boot)',
    }),
  ),
  API_DOCS: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description:
        'Serve the Swagger UI and OpenAPI document at /docs (default: on, except with NODE_ENV=production)',
    }),
  ),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('trace'),
      Type.Literal('debug'),
      Type.Literal('info'),
      Type.Literal('warn'),
      Type.Literal('error'),
      Type.Literal('fatal'),
      Type.Literal('silent'),
      Type.Literal('log'),
      Type.Literal('verbose'),
    ],
    {
      default: 'info',
      description:
        "Lowest level logged: trace, debug, info, warn, error, fatal or silent (Nest's log and verbose read as info and trace)",
    },
  ),
  LOG_FORMAT: Type.Union([Type.Literal('json'), Type.Literal('pretty')], {
    default: 'json',
    description:
      'json: one JSON object per line; pretty: coloured text for a terminal (needs the pino-pretty devDependency)',
  }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description:
        'Share tickets, presence, room state and fan-out with other nodes through this one Redis primary (not a cluster node: use REDIS_CLUSTER_NODES); at most one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS',
    }),
  ),
  REDIS_CLUSTER_NODES: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Comma-separated host:port seed nodes of a Redis Cluster (7 or later) to share state through, instead of REDIS_URL',
    }),
  ),
  REDIS_SENTINELS: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Comma-separated host:port Sentinels that name the Redis primary (and fail over to a replica), instead of REDIS_URL; needs REDIS_SENTINEL_NAME',
    }),
  ),
  REDIS_SENTINEL_NAME: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'The master name the Sentinels monitor (for example mymaster); only with REDIS_SENTINELS',
    }),
  ),
  REDIS_SHARDED_PUBSUB: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description:
        'Sharded pub/sub (SPUBLISH/SSUBSCRIBE) for fan-out and the Socket.IO adapter: on by default with REDIS_CLUSTER_NODES, refused without it',
    }),
  ),
  REDIS_ACK_REPLICAS: Type.Integer({
    minimum: 0,
    maximum: 16,
    default: 1,
    description:
      "Replicas that must hold a room event (Redis WAIT) before it is acknowledged, capped at the replicas its primary has now; 0 acknowledges on the primary's word alone",
  }),
  REDIS_ACK_TIMEOUT_MS: Type.Integer({
    minimum: 1,
    maximum: 60000,
    default: 500,
    description:
      'How long an event waits for those replicas; past it the event is not acknowledged with a seq (a chat line is answered UNAVAILABLE, a move is delivered locally as in degraded mode)',
  }),
  PRESENCE_TTL_MS: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 3600000,
      description: "How long a node's players stay online after it dies (default: 2 heartbeats + 5 s)",
    }),
  ),
  PRESENCE_GRACE_MS: Type.Integer({
    minimum: 0,
    maximum: 600000,
    default: 5000,
    description:
      'A player whose connection dropped or was drained (1012) and who is back in the room on any node within this long is never shown offline; 0 shows every close at once',
  }),
  ROOM_IDLE_EXPIRY_MS: Type.Integer({
    minimum: 1000,
    maximum: 31536000000,
    default: 86400000,
    description:
      'A room with no members and no events for this long loses all its state (Redis keys expire, memory is freed)',
  }),
  GAME_PLAYER_RETENTION_MS: Type.Integer({
    minimum: 0,
    maximum: 86400000,
    default: 600000,
    description:
      'How long a game snapshot keeps listing a player who left (offline); one who returns within it comes back where they were',
  }),
  HISTORY_MAX_EVENTS: Type.Integer({
    minimum: 10,
    maximum: 1000000,
    default: 1000,
    description: 'Events kept per room for resuming clients',
  }),
  HISTORY_MAX_AGE_MS: Type.Integer({
    minimum: 1000,
    maximum: 86400000,
    default: 600000,
    description: 'How long an event stays replayable',
  }),
  IDEMPOTENCY_WINDOW_MS: Type.Integer({
    minimum: 1000,
    maximum: 86400000,
    default: 600000,
    description: 'How long a message id is remembered, so a resend is applied once',
  }),
  WS_SEND_HIGH_WATER_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 1073741824,
    default: 1048576,
    description: 'Buffered bytes above which a slow socket gets its moves conflated',
  }),
  WS_SEND_LOW_WATER_BYTES: Type.Integer({
    minimum: 0,
    maximum: 1073741824,
    default: 262144,
    description: 'Buffered bytes below which a conflating socket is flushed',
  }),
  WS_SEND_HARD_LIMIT_BYTES: Type.Integer({
    minimum: 2048,
    maximum: 1073741824,
    default: 8388608,
    description: 'Buffered plus held bytes above which a slow socket is closed (4009)',
  }),
  DRAIN_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 600000,
    default: 10000,
    description: 'On SIGTERM, how long to wait for clients to move to other nodes before exiting',
  }),
  TICKER_SYMBOLS: Type.String({
    minLength: 1,
    default: 'ACME,GLOBEX,INITECH',
    description:
      'Comma-separated symbols the live ticker publishes, each to the room ticker:SYMBOL (A-Z, 0-9, ".", "-"; at most 16 characters)',
  }),
  TICKER_RATE_HZ: Type.Number({
    minimum: 0.1,
    maximum: 50,
    default: 2,
    description: 'Quotes per second per ticker symbol',
  }),
  TICKER_LEASE_TTL_MS: Type.Integer({
    minimum: 300,
    maximum: 600000,
    default: 5000,
    description:
      'With Redis, lifetime of the lease that lets one node run the price source (renewed every third of it)',
  }),
  COLLAB_DOCUMENT_IDLE_EXPIRY_MS: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 31536000000,
      description:
        'Remove a shared document (memory and Redis) once idle this long with no client on any node (default: kept for ever)',
    }),
  ),
  WEB_DIST_DIR: Type.String({
    minLength: 1,
    default: 'dist/apps/web',
    description: 'Built web app served at /',
  }),
});

export type Env = Static<typeof EnvSchema>;
