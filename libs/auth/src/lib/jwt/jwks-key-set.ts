import { Logger } from '@nestjs/common';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { AsymmetricAlgorithm } from '../auth-options';
import { monotonicClock, TokenBucket, type Clock } from '../rate-limit/token-bucket';

export interface JwksKeySetOptions {
  /** The identity provider's `jwks_uri`. */
  readonly uri: string;
  /** How long a fetched key set is trusted before it is fetched again. @default 600000 (10 minutes) */
  readonly maxAgeMs?: number;
  /**
   * Re-fetches an unknown `kid` may trigger: this many at once, then one per `refetchIntervalMs`, so tokens with
   * made-up key ids cannot make this server hammer the identity provider.
   * @default 3
   */
  readonly refetchBurst?: number;
  /** @default 30000 */
  readonly refetchIntervalMs?: number;
  /** @default 5000 */
  readonly timeoutMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  readonly now?: Clock;
}

/** Why no key was found. Never carries the token. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

interface SigningKey {
  readonly kid?: string;
  readonly alg?: string;
  /** Parsed once at fetch time, never per verification. */
  readonly key: KeyObject;
  readonly kty: string;
  readonly crv?: string;
}

const MAX_KEYS = 100;
const MAX_BODY_BYTES = 1_000_000;
/** A failed or stale fetch is not retried more often than this. */
const MIN_ATTEMPT_INTERVAL_MS = 1000;

const CURVES: Readonly<Record<string, string>> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

/** Whether a key of this type may verify a signature made with `alg` (so an RS key never checks an HS token). */
function fits(key: SigningKey, alg: AsymmetricAlgorithm): boolean {
  if (key.alg !== undefined && key.alg !== alg) return false;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return key.kty === 'RSA';
  return key.kty === 'EC' && key.crv === CURVES[alg];
}

/**
 * The public keys of an identity provider, fetched from its JWKS and cached. A token names its key by `kid`;
 * a `kid` the cache does not know (the provider rotated its keys) triggers a bounded re-fetch.
 */
export class JwksKeySet {
  private readonly log = new Logger('Jwks');
  private readonly now: Clock;
  private readonly maxAgeMs: number;
  private readonly timeoutMs: number;
  private readonly refetches: TokenBucket;
  private readonly fetchFn: typeof fetch;
  private keys: readonly SigningKey[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;
  /** Fetches made, for tests and metrics. */
  fetches = 0;

  constructor(private readonly options: JwksKeySetOptions) {
    this.now = options.now ?? monotonicClock;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? globalThis.fetch;
    const burst = options.refetchBurst ?? 3;
    this.refetches = new TokenBucket({ capacity: burst, refillPerSecond: 1000 / (options.refetchIntervalMs ?? 30_000) }, this.now);
  }

  /** The key that verifies a token signed with `alg` by key `kid`. */
  async key(kid: string | undefined, alg: AsymmetricAlgorithm): Promise<KeyObject> {
    const now = this.now();
    const stale = now - this.fetchedAt >= this.maxAgeMs && now - this.attemptedAt >= MIN_ATTEMPT_INTERVAL_MS;
    const refreshedHere = this.inFlight !== undefined || stale;
    if (refreshedHere) await this.tryRefresh();
    let found = this.find(kid, alg);
    if (!found && !refreshedHere && this.refetches.take()) {
      await this.tryRefresh();
      found = this.find(kid, alg);
    }
    if (!found) throw new SigningKeyError(kid === undefined ? 'no single signing key fits the token' : 'unknown signing key');
    return found.key;
  }

  private find(kid: string | undefined, alg: AsymmetricAlgorithm): SigningKey | undefined {
    const candidates = this.keys.filter((key) => (kid === undefined || key.kid === kid) && fits(key, alg));
    return kid === undefined && candidates.length !== 1 ? undefined : candidates[0];
  }

  /** One fetch at a time; concurrent callers share it. Keeps the old keys when the fetch fails. */
  private tryRefresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys()
      .catch((error: Error) => this.log.warn(`JWKS fetch from ${this.options.uri} failed: ${error.message}`))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    this.attemptedAt = this.now();
    this.fetches++;
    const response = await this.fetchFn(this.options.uri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const body = await response.text();
    if (body.length > MAX_BODY_BYTES) throw new Error('JWKS document too large');
    const document: unknown = JSON.parse(body);
    const entries = typeof document === 'object' && document !== null ? (document as { keys?: unknown }).keys : undefined;
    if (!Array.isArray(entries)) throw new Error('JWKS document has no "keys" array');
    this.keys = entries.slice(0, MAX_KEYS).flatMap((entry: unknown) => signingKeyOf(entry));
    this.fetchedAt = this.now();
  }
}

/** A verification key from one JWK, or nothing for keys that must not verify signatures (symmetric, encryption, private). */
function signingKeyOf(entry: unknown): SigningKey[] {
  if (typeof entry !== 'object' || entry === null) return [];
  const jwk = entry as JsonWebKey & { kid?: unknown; alg?: unknown; use?: unknown; kty?: unknown; crv?: unknown };
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') return [];
  if (jwk.use !== undefined && jwk.use !== 'sig') return [];
  if (jwk.d !== undefined) return [];
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    return [
      {
        key,
        kty: jwk.kty,
        ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
        ...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}),
        ...(typeof jwk.crv === 'string' ? { crv: jwk.crv } : {}),
      },
    ];
  } catch {
    return [];
  }
}
