import { Logger } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, type JWSHeaderParameters } from 'jose';
import { KeyObject } from 'node:crypto';
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
  /** The clock of the re-fetch budget. */
  readonly now?: Clock;
}

/** Why no key was found. Never carries the token. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;
type LocalKeySet = ReturnType<typeof createLocalJWKSet>;
/** What jose hands out: a WebCrypto public key. */
type JoseKey = Awaited<ReturnType<RemoteKeySet>>;

/**
 * The public keys of an identity provider, through jose's `createRemoteJWKSet`: fetched from its JWKS (5 s timeout,
 * no redirects), cached for `maxAgeMs`, one fetch at a time, and picked by the token header's `kid` and `alg` (an RS
 * key never fits an ES or HS token, `use: enc` keys never verify). A `kid` the cache does not know (the provider
 * rotated its keys) triggers a re-fetch from a bounded budget. When the provider cannot be reached, the keys fetched
 * last keep verifying.
 */
export class JwksKeySet {
  private readonly log = new Logger('Jwks');
  private readonly remote: RemoteKeySet;
  private readonly refetches: TokenBucket;
  /** The provider's last key set as a local one, for when it cannot be reached; rebuilt when that set changes. */
  private fallback?: { readonly jwks: object; readonly keys: LocalKeySet };
  /** jsonwebtoken (under passport-jwt) verifies with node's `KeyObject`; jose hands out WebCrypto keys. */
  private readonly keyObjects = new WeakMap<JoseKey, KeyObject>();
  /** Fetches made, for tests and metrics. */
  fetches = 0;

  constructor(private readonly options: JwksKeySetOptions) {
    const fetchFn = options.fetch ?? globalThis.fetch;
    const counted: typeof fetch = (input, init) => {
      this.fetches++;
      return fetchFn(input, init);
    };
    this.remote = createRemoteJWKSet(new URL(options.uri), {
      cacheMaxAge: options.maxAgeMs ?? 600_000,
      timeoutDuration: options.timeoutMs ?? 5000,
      // jose's own re-fetch on an unknown kid waits out a cooldown after every fetch, which would leave a rotation
      // unseen for up to 30 s; the budget below decides instead.
      cooldownDuration: Number.POSITIVE_INFINITY,
      [customFetch]: counted,
    });
    const burst = options.refetchBurst ?? 3;
    this.refetches = new TokenBucket(
      { capacity: burst, refillPerSecond: 1000 / (options.refetchIntervalMs ?? 30_000) },
      options.now ?? monotonicClock,
    );
  }

  /** The key that verifies a token signed with `alg` by key `kid`. */
  async key(kid: string | undefined, alg: AsymmetricAlgorithm): Promise<KeyObject> {
    const header: JWSHeaderParameters = kid === undefined ? { alg } : { alg, kid };
    // A stale set is fetched again by the lookup itself; an unknown kid right after that is not worth another fetch.
    const fetchesAnyway = !this.remote.fresh;
    try {
      return this.keyObjectOf(await this.lookup(header));
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || fetchesAnyway || !this.refetches.take())
        throw this.signingKeyError(error, kid);
    }
    try {
      await this.remote.reload();
      return this.keyObjectOf(await this.lookup(header));
    } catch (error) {
      throw this.signingKeyError(error, kid);
    }
  }

  private async lookup(header: JWSHeaderParameters): Promise<JoseKey> {
    try {
      return await this.remote(header);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
        throw error;
      const last = this.remote.jwks();
      if (!last) throw error;
      this.log.warn(
        `JWKS fetch from ${this.options.uri} failed (${error instanceof Error ? error.message : String(error)}); verifying with the keys fetched last`,
      );
      if (this.fallback?.jwks !== last) this.fallback = { jwks: last, keys: createLocalJWKSet(last) };
      return this.fallback.keys(header);
    }
  }

  private keyObjectOf(key: JoseKey): KeyObject {
    let converted = this.keyObjects.get(key);
    if (!converted) {
      converted = KeyObject.from(key);
      this.keyObjects.set(key, converted);
    }
    return converted;
  }

  private signingKeyError(error: unknown, kid: string | undefined): SigningKeyError {
    if (error instanceof errors.JWKSNoMatchingKey)
      return new SigningKeyError(
        kid === undefined ? 'no single signing key fits the token' : 'unknown signing key',
      );
    if (error instanceof errors.JWKSMultipleMatchingKeys)
      return new SigningKeyError('no single signing key fits the token');
    this.log.warn(
      `JWKS fetch from ${this.options.uri} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return new SigningKeyError('signing keys unavailable');
  }
}
