import type { AsymmetricAlgorithm } from '@pulse/auth';
import type { RedisTarget } from '@pulse/gateway';

/** pino's levels, lowest first, and `silent`. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/**
 * `env`: `JWT_SECRET`. `dev-file`: outside production without `JWT_SECRET`, read from (or, `created`, written to)
 * `DEV_JWT_SECRET_FILE`. `random`: production on a JWKS without `JWT_SECRET`, a secret for this process that signs
 * nothing (the dev login is off there unless forced).
 */
export type JwtSecretSource =
  | { readonly kind: 'env' }
  | { readonly kind: 'dev-file'; readonly path: string; readonly created: boolean }
  | { readonly kind: 'random' };

/** The API's configuration, read once at boot (see `loadConfig`) and injected as `APP_CONFIG`. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly jwtSecret: string;
  /** Where `jwtSecret` came from; the boot log names it (never the secret). */
  readonly jwtSecretSource: JwtSecretSource;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /**
   * With the development secret and no Redis: the file next to it where sign-ins (refresh-token digests) are kept,
   * so they outlive a restart as the secret does. Unset otherwise (memory, or Redis).
   */
  readonly devRefreshSessionsFile?: string;
  /** Identity provider: JWKS URL, required iss/aud, accepted algorithms, clock skew, roles claim. */
  readonly jwt: {
    readonly jwksUri?: string;
    readonly issuer?: string;
    readonly audience?: string;
    readonly algorithms: readonly AsymmetricAlgorithm[];
    readonly clockSkewSeconds: number;
    readonly rolesClaim: string;
  };
  /** Abuse limits; 0 disables one. */
  readonly rateLimits: {
    readonly upgradeFailuresPerMinute: number;
    readonly ticketsPerMinute: number;
    readonly messagesPerSecond: number;
    /** Proxies whose `X-Forwarded-For` is believed for per-address limits. */
    readonly trustedProxies: readonly string[];
  };
  /** Caps on what one user or connection holds on a node; 0 disables one (see `CapOptions` in libs/gateway). */
  readonly caps: {
    readonly maxRoomsPerConnection: number;
    readonly maxConnectionsPerUser: number;
    readonly roomCreationsPerMinute: number;
  };
  readonly reauthGraceSeconds: number;
  readonly ticketTtlSeconds: number;
  /** Lifetime of the `resume-ticket` a connection gets; 0: none. */
  readonly resumeTicketTtlSeconds: number;
  readonly heartbeatIntervalMs: number;
  readonly wsMaxPayloadBytes: number;
  readonly allowedOrigins: readonly string[];
  readonly devLogin: boolean;
  /** Swagger UI and the OpenAPI document at `/docs`; off in production unless `API_DOCS=true`. */
  readonly apiDocs: boolean;
  /** Logs: the lowest level written, and JSON lines or text for a terminal. */
  readonly log: { readonly level: LogLevel; readonly format: 'json' | 'pretty' };
  readonly webDistDir: string;
  /** Set: several nodes share state through this Redis (one primary, a cluster, or Sentinel). Unset: one node, in memory. */
  readonly redis?: RedisTarget;
  /** Sharded pub/sub: on by default with a cluster, never without one. */
  readonly redisShardedPubSub: boolean;
  /** Replicas a room event waits for (`WAIT`) before it is acknowledged, and for how long. */
  readonly redisAcks: { readonly replicas: number; readonly timeoutMs: number };
  /** How long a dropped or drained player may take to come back before others see them offline. */
  readonly presenceGraceMs: number;
  /** A room idle this long (no members, no events) loses its state. */
  readonly roomIdleExpiryMs: number;
  /** How long a player who left stays in the game snapshot (and keeps their place). */
  readonly gamePlayerRetentionMs: number;
  /** Bound on how long a dead node's players stay online (Redis mode). */
  readonly presenceTtlMs: number;
  readonly historyMaxEvents: number;
  readonly historyMaxAgeMs: number;
  readonly idempotencyWindowMs: number;
  readonly drainTimeoutMs: number;
  readonly sendBudget: {
    readonly highWaterBytes: number;
    readonly lowWaterBytes: number;
    readonly hardLimitBytes: number;
  };
  /** Set: a shared document idle this long with no client on any node is removed. Unset: documents are kept. */
  readonly collabDocumentIdleExpiryMs?: number;
  /** The live ticker: its symbols, quotes per second per symbol, and the price-source lease lifetime (Redis mode). */
  readonly ticker: {
    readonly symbols: readonly string[];
    readonly rateHz: number;
    readonly leaseTtlMs: number;
  };
}

export const APP_CONFIG = Symbol('PULSE_APP_CONFIG');
