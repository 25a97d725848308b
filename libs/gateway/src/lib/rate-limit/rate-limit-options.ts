/** Abuse limits of the gateway. Each is a token bucket; 0 turns it off. */
export interface RateLimitOptions {
  /**
   * Messages per second one connection may send, sustained. The default is the command rate of a 128-tick game
   * server, twice a 60 Hz mover's rate, so a player moving every frame and chatting is never refused.
   * @default 128
   */
  readonly messagesPerSecond: number;
  /**
   * Messages one connection may send at once after a quiet spell: what a client hands over in one go after a stall
   * (late timers, a link that held its frames, a reconnect flushing its outbox). @default 2 × messagesPerSecond
   */
  readonly messageBurst: number;
  /**
   * Refused upgrades per minute one address may have before its upgrades get 429 (both transports). Successful
   * upgrades are never counted: a whole company may sit behind one address.
   * @default 60
   */
  readonly upgradeFailuresPerMinute: number;
  /** Addresses whose refusals are remembered at once; memory stays bounded. @default 10000 */
  readonly maxTrackedAddresses: number;
  /**
   * Reverse proxies (nginx) whose `X-Forwarded-For` names the client: IP addresses, CIDR ranges (`10.0.0.0/8`) or
   * proxy-addr's `loopback`, `linklocal`, `uniquelocal`. Without them, every client behind a proxy shares the
   * proxy's address. @default [] (the peer address counts)
   */
  readonly trustedProxies: readonly string[];
}

export const DEFAULT_MESSAGES_PER_SECOND = 128;
export const DEFAULT_UPGRADE_FAILURES_PER_MINUTE = 60;

export function resolveRateLimitOptions(options: Partial<RateLimitOptions> = {}): RateLimitOptions {
  const messagesPerSecond = options.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND;
  return {
    messagesPerSecond,
    messageBurst: options.messageBurst ?? 2 * messagesPerSecond,
    upgradeFailuresPerMinute: options.upgradeFailuresPerMinute ?? DEFAULT_UPGRADE_FAILURES_PER_MINUTE,
    maxTrackedAddresses: options.maxTrackedAddresses ?? 10_000,
    trustedProxies: options.trustedProxies ?? [],
  };
}

export const RATE_LIMIT_OPTIONS = Symbol('PULSE_RATE_LIMIT_OPTIONS');
