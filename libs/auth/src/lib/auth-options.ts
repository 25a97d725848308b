/** Asymmetric JWS algorithms an identity provider's JWKS may sign with. Never `none`, never an HS algorithm. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

/** Options of `AuthModule.forRoot`. */
export interface AuthOptions {
  /** HS256 secret that dev-login tokens (and, without `jwksUri`, every access token) are signed with. */
  jwtSecret: string;
  /** Lifetime of a dev-login access token. @default 3600 */
  accessTokenTtlSeconds: number;
  /** Lifetime of a socket ticket. @default 30 */
  ticketTtlSeconds: number;
  /** Whether `POST /auth/login` accepts the built-in dev users. Off in production. */
  devLogin: boolean;
  /** Browser origins allowed to open sockets; empty allows any. A request without `Origin` is not a browser's. */
  allowedOrigins: readonly string[];
  /**
   * An identity provider's JSON Web Key Set. When set, access tokens are verified against its keys (picked by
   * `kid`, cached, re-fetched on an unknown `kid`), and HS256 tokens are accepted only while the dev login is on.
   * @default undefined (HS256 with `jwtSecret` only)
   */
  jwksUri?: string;
  /** Algorithms accepted from the JWKS. @default every one of `ASYMMETRIC_ALGORITHMS` */
  jwksAlgorithms?: readonly AsymmetricAlgorithm[];
  /** Required `iss` of access tokens (and set on dev-login tokens). @default undefined (not checked) */
  issuer?: string;
  /** Required `aud` of access tokens (and set on dev-login tokens). @default undefined (not checked) */
  audience?: string;
  /** Tolerance for `exp` and `nbf` against this server's clock. @default 30 */
  clockSkewSeconds?: number;
  /** The claim holding the roles: a name, or a dotted path such as `realm_access.roles`. @default 'roles' */
  rolesClaim?: string;
  /** Tickets a user may mint per minute on one node (a token bucket of that size); 0 disables. @default 120 */
  ticketsPerMinute?: number;
  /** How long a revocation is remembered; keep it above the longest access-token lifetime. @default 86400 */
  revocationTtlSeconds?: number;
  /** Lifetime of a refresh token (the `pulse_refresh` cookie); each rotation starts it again. @default 604800 (7 days) */
  refreshTokenTtlSeconds?: number;
}

export type ResolvedAuthOptions = Required<Omit<AuthOptions, 'jwksUri' | 'issuer' | 'audience'>> &
  Pick<AuthOptions, 'jwksUri' | 'issuer' | 'audience'>;

export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
export const DEFAULT_ROLES_CLAIM = 'roles';
export const DEFAULT_TICKETS_PER_MINUTE = 120;
export const DEFAULT_REVOCATION_TTL_SECONDS = 86_400;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 604_800;

/** The options with every default filled in. */
export function resolveAuthOptions(options: AuthOptions): ResolvedAuthOptions {
  return {
    ...options,
    jwksAlgorithms: options.jwksAlgorithms ?? ASYMMETRIC_ALGORITHMS,
    clockSkewSeconds: options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
    rolesClaim: options.rolesClaim ?? DEFAULT_ROLES_CLAIM,
    ticketsPerMinute: options.ticketsPerMinute ?? DEFAULT_TICKETS_PER_MINUTE,
    revocationTtlSeconds: options.revocationTtlSeconds ?? DEFAULT_REVOCATION_TTL_SECONDS,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  };
}

export const AUTH_OPTIONS = Symbol('PULSE_AUTH_OPTIONS');
