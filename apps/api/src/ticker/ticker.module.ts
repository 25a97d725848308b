import { type DynamicModule, Module } from '@nestjs/common';
import { REDIS_CLIENTS, SEQUENCED_ROOM, type RedisClients, type SequencedRoom } from '@pulse/gateway';
import { randomUUID } from 'node:crypto';
import { InMemoryLeaseBoard, InMemoryTickerLease } from './in-memory-ticker.lease';
import { InMemoryQuoteStore } from './in-memory-quote.store';
import { KnownSymbolGuard } from './known-symbol.guard';
import { PRICE_SOURCE, type PriceSource } from './price-source';
import { QUOTE_STORE } from './quote.store';
import { RandomWalkPriceSource } from './random-walk.price-source';
import { RedisQuoteStore } from './redis-quote.store';
import { RedisTickerLease } from './redis-ticker.lease';
import { TickerController } from './ticker.controller';
import { TickerGateway } from './ticker.gateway';
import { TICKER_LEASE } from './ticker.lease';
import { TICKER_CLOCK, TickerPublisher } from './ticker.publisher';
import { TICKER_OPTIONS, type TickerOptions } from './ticker-options';
import { TickerSubscriberGuard } from './ticker-subscriber.guard';

export interface TickerModuleOptions extends TickerOptions {
  /** Where prices come from. @default a `RandomWalkPriceSource` */
  readonly priceSource?: PriceSource;
}

/**
 * The live ticker: one node (the lease holder) publishes each symbol's quotes to `ticker:SYMBOL` at `rateHz`;
 * clients `subscribe` and `unsubscribe` by symbol on any node.
 */
@Module({})
export class TickerModule {
  static forRoot(options: TickerModuleOptions): DynamicModule {
    const { priceSource, ...tickerOptions } = options;
    return {
      module: TickerModule,
      controllers: [TickerController],
      providers: [
        { provide: TICKER_OPTIONS, useValue: tickerOptions },
        { provide: PRICE_SOURCE, useValue: priceSource ?? new RandomWalkPriceSource() },
        { provide: TICKER_CLOCK, useValue: Date.now },
        {
          provide: QUOTE_STORE,
          useFactory: (redis: RedisClients | null, sequenced: SequencedRoom) =>
            redis ? new RedisQuoteStore(redis.command, sequenced) : new InMemoryQuoteStore(sequenced),
          inject: [REDIS_CLIENTS, SEQUENCED_ROOM],
        },
        {
          provide: TICKER_LEASE,
          useFactory: (redis: RedisClients | null) =>
            redis
              ? new RedisTickerLease(redis.command, randomUUID(), tickerOptions.leaseTtlMs)
              : new InMemoryTickerLease(new InMemoryLeaseBoard(), randomUUID(), tickerOptions.leaseTtlMs),
          inject: [REDIS_CLIENTS],
        },
        TickerPublisher,
        KnownSymbolGuard,
        TickerSubscriberGuard,
        TickerGateway,
      ],
    };
  }
}
