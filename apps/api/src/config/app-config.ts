import type { AsymmetricAlgorithm } from '@pulse/auth';

/** pino's levels, lowest first, and `silent`. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** The API's configuration, read once at boot (see `loadConfig`) and injected as `APP_CONFIG`. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly jwtSecret: string;
  /** True when no `JWT_SECRET` was given and a random one was made for this process. */
  readonly jwtSecretGenerated: boolean;
  readonly accessTokenTtlSeconds: number;
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
  readonly reauthGraceSeconds: number;
  readonly ticketTtlSeconds: number;
  readonly heartbeatIntervalMs: number;
  readonly wsMaxPayloadBytes: number;
  readonly allowedOrigins: readonly string[];
  readonly devLogin: boolean;
  /** Logs: the lowest level written, and JSON lines or text for a terminal. */
  readonly log: { readonly level: LogLevel; readonly format: 'json' | 'pretty' };
  readonly webDistDir: string;
  /** Set: several nodes share state through this Redis. Unset: one node, in memory. */
  readonly redisUrl?: string;
  readonly redisShardedPubSub: boolean;
  /** Bound on how long a dead node's players stay online (Redis mode). */
  readonly presenceTtlMs: number;
  readonly historyMaxEvents: number;
  readonly historyMaxAgeMs: number;
  readonly idempotencyWindowMs: number;
  readonly drainTimeoutMs: number;
  readonly sendBudget: { readonly highWaterBytes: number; readonly lowWaterBytes: number; readonly hardLimitBytes: number };
  /** The live ticker: its symbols, quotes per second per symbol, and the price-source lease lifetime (Redis mode). */
  readonly ticker: { readonly symbols: readonly string[]; readonly rateHz: number; readonly leaseTtlMs: number };
}

export const APP_CONFIG = Symbol('PULSE_APP_CONFIG');
