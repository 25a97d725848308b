import { Logger } from '@nestjs/common';
import {
  KeyedTokenBuckets,
  type UpgradeAuthorizer,
  type UpgradeDecision,
  type UpgradeRequest,
} from '@pulse/auth';
import { addressKey } from './address-key';
import { clientAddress, compileTrustedProxies, type TrustedProxies } from './client-address';

export interface UpgradeThrottleOptions {
  /** Refused upgrades per minute an address may have; past it, 429 until its budget refills. */
  readonly failuresPerMinute: number;
  /** @default 10000 */
  readonly maxTrackedAddresses?: number;
  /** Proxies whose `X-Forwarded-For` is believed: addresses, CIDR ranges or proxy-addr's names. @default [] */
  readonly trustedProxies?: readonly string[];
}

/**
 * Wraps an authorizer: an address (an IPv6 /64; behind a trusted proxy, the client's address from
 * `X-Forwarded-For`) whose upgrades keep being refused gets 429 before its ticket is
 * even looked at. Only refusals count, never successful upgrades, and the 429s themselves do not count either,
 * so an address that stops guessing gets its budget back at the configured rate.
 */
export class ThrottledUpgradeAuthorizer implements UpgradeAuthorizer {
  private readonly log = new Logger('UpgradeThrottle');
  private readonly failures: KeyedTokenBuckets;
  private readonly trustedProxies: TrustedProxies;

  constructor(
    private readonly inner: UpgradeAuthorizer,
    options: UpgradeThrottleOptions,
    now?: () => number,
  ) {
    this.failures = new KeyedTokenBuckets(
      {
        capacity: options.failuresPerMinute,
        refillPerSecond: options.failuresPerMinute / 60,
        maxKeys: options.maxTrackedAddresses,
      },
      now,
    );
    this.trustedProxies = compileTrustedProxies(options.trustedProxies ?? []);
  }

  async authorize(request: UpgradeRequest): Promise<UpgradeDecision> {
    const key = addressKey(clientAddress(request.remoteAddress, request.forwardedFor, this.trustedProxies));
    if (!this.failures.has(key)) {
      return {
        ok: false,
        status: 429,
        reason: 'too-many-failures',
        retryAfterSeconds: Math.max(1, Math.ceil(this.failures.msUntil(key) / 1000)),
      };
    }
    const decision = await this.inner.authorize(request);
    if (!decision.ok) {
      this.failures.take(key);
      if (!this.failures.has(key))
        this.log.warn(`upgrades from ${key} answered 429 for a while: too many refusals`);
    }
    return decision;
  }
}
