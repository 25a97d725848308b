import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PRICE_SOURCE, type PriceSource } from './price-source';
import { QUOTE_STORE, type QuoteStore } from './quote.store';
import { TICKER_LEASE, type TickerLease } from './ticker.lease';
import { TICKER_OPTIONS, type TickerOptions } from './ticker-options';

/** The clock quotes are stamped with. */
export const TICKER_CLOCK = Symbol('PULSE_TICKER_CLOCK');

/**
 * Runs the price source on the node that holds the ticker lease: every `1 / rateHz` seconds it asks the source for
 * each symbol's next price and publishes it through the `QuoteStore`. Every other node only delivers. The lease is
 * taken or renewed every third of its lifetime; the node that takes it over continues from the latest published
 * prices.
 */
@Injectable()
export class TickerPublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Ticker');
  private readonly lastPrices = new Map<string, number>();
  private leaseTimer?: NodeJS.Timeout;
  private tickTimer?: NodeJS.Timeout;
  private holding = false;
  /** The round in progress, if any. */
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private leaseFailing = false;
  private tickFailing = false;

  constructor(
    @Inject(TICKER_OPTIONS) private readonly options: TickerOptions,
    @Inject(QUOTE_STORE) private readonly store: QuoteStore,
    @Inject(TICKER_LEASE) private readonly lease: TickerLease,
    @Inject(PRICE_SOURCE) private readonly source: PriceSource,
    @Inject(TICKER_CLOCK) private readonly now: () => number,
  ) {}

  /** Whether this node runs the price source right now. */
  get leading(): boolean {
    return this.holding;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.renewLease();
    this.leaseTimer = setInterval(
      () => void this.renewLease(),
      Math.max(50, Math.floor(this.options.leaseTtlMs / 3)),
    );
    this.tickTimer = setInterval(() => void this.tick(), Math.max(1, Math.round(1000 / this.options.rateHz)));
    this.leaseTimer.unref();
    this.tickTimer.unref();
  }

  /**
   * Before the Redis connections close: stop, let the round in progress finish, and hand the lease over at once
   * instead of letting it expire (so the next leader's quotes follow this node's last ones without a pause).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.leaseTimer);
    clearInterval(this.tickTimer);
    await this.inFlight;
    if (!this.holding) return;
    this.holding = false;
    await this.lease.release().catch(() => undefined);
  }

  /** Takes or renews the lease; a lease that cannot be confirmed (Redis down) counts as lost. */
  async renewLease(): Promise<void> {
    if (this.stopped) return;
    let held = false;
    try {
      held = await this.lease.acquire();
      if (this.leaseFailing) this.log.log('ticker lease reachable again');
      this.leaseFailing = false;
    } catch (error) {
      if (!this.leaseFailing) this.log.warn(`ticker lease unavailable, not publishing: ${messageOf(error)}`);
      this.leaseFailing = true;
    }
    if (this.stopped) return;
    if (held && !this.holding) {
      this.lastPrices.clear();
      this.log.log(
        `this node now runs the price source (${this.options.symbols.join(', ')} at ${this.options.rateHz} Hz)`,
      );
    } else if (!held && this.holding) this.log.log('this node no longer runs the price source');
    this.holding = held;
  }

  /** One round: the next quote of every symbol, when this node leads and the previous round is done. */
  tick(): Promise<void> {
    if (!this.holding || this.inFlight || this.stopped) return Promise.resolve();
    const round = this.round().finally(() => (this.inFlight = null));
    this.inFlight = round;
    return round;
  }

  private async round(): Promise<void> {
    try {
      await Promise.all(this.options.symbols.map((symbol) => this.publishNext(symbol)));
      if (this.tickFailing) this.log.log('quotes are published again');
      this.tickFailing = false;
    } catch (error) {
      if (!this.tickFailing) this.log.warn(`quotes not published: ${messageOf(error)}`);
      this.tickFailing = true;
    }
  }

  private async publishNext(symbol: string): Promise<void> {
    const last = this.lastPrices.get(symbol) ?? (await this.store.latest(symbol))?.price;
    const price = await this.source.next(symbol, last);
    if (!Number.isFinite(price) || price <= 0)
      throw new Error(`the price source gave ${symbol} a price that is not above 0`);
    const quote = await this.store.publish({ symbol, price, at: this.now() });
    this.lastPrices.set(symbol, quote.price);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
