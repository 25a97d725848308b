import { InMemoryLeaseBoard, InMemoryTickerLease } from './in-memory-ticker.lease';
import type { PriceSource } from './price-source';
import type { Quote, QuoteDraft, QuoteStore } from './quote.store';
import { TickerPublisher } from './ticker.publisher';
import type { TickerOptions } from './ticker-options';

/** A quote store shared by the publishers of a test, as Redis would be by nodes. */
class RecordingQuoteStore implements QuoteStore {
  readonly published: Quote[] = [];
  failing = false;

  async publish(draft: QuoteDraft): Promise<Quote> {
    if (this.failing) throw new Error('store down');
    const seq = this.published.filter((quote) => quote.symbol === draft.symbol).length + 1;
    const quote: Quote = { type: 'quote', ...draft, seq };
    this.published.push(quote);
    return quote;
  }

  async latest(symbol: string): Promise<Quote | null> {
    return this.published.filter((quote) => quote.symbol === symbol).at(-1) ?? null;
  }
}

/** Adds 1 to the last price; opens at 100. */
const plusOne: PriceSource = { next: (_symbol, last) => (last ?? 99) + 1 };

const options: TickerOptions = {
  symbols: ['ACME', 'GLOBEX'],
  rateHz: 2,
  leaseTtlMs: 5_000,
};

describe('TickerPublisher', () => {
  const board = new InMemoryLeaseBoard();
  let store: RecordingQuoteStore;
  const publisher = (token: string, source: PriceSource = plusOne) =>
    new TickerPublisher(
      options,
      store,
      new InMemoryTickerLease(board, token, options.leaseTtlMs),
      source,
      () => 42,
    );

  beforeEach(() => {
    store = new RecordingQuoteStore();
    board.expire('ticker');
  });

  it('publishes the next price of every symbol each tick, only on the node holding the lease', async () => {
    const [a, b] = [publisher('a'), publisher('b')];
    await a.renewLease();
    await b.renewLease();
    expect([a.leading, b.leading]).toEqual([true, false]);
    await b.tick();
    expect(store.published).toEqual([]);
    await a.tick();
    await a.tick();
    expect(store.published.map((q) => [q.symbol, q.price, q.seq, q.at])).toEqual([
      ['ACME', 100, 1, 42],
      ['GLOBEX', 100, 1, 42],
      ['ACME', 101, 2, 42],
      ['GLOBEX', 101, 2, 42],
    ]);
  });

  it('carries on from the latest published prices when it takes over, and hands the lease over on shutdown', async () => {
    const [a, b] = [publisher('a'), publisher('b')];
    await a.renewLease();
    await a.tick();
    await a.tick();
    await a.onModuleDestroy();
    await b.renewLease();
    expect(b.leading).toBe(true);
    await b.tick();
    expect(store.published.slice(-2).map((q) => [q.symbol, q.price, q.seq])).toEqual([
      ['ACME', 102, 3],
      ['GLOBEX', 102, 3],
    ]);
  });

  it('skips a tick while the previous one is in flight, and survives a failing store', async () => {
    let release: (price: number) => void = () => undefined;
    const slowPrice = new Promise<number>((resolve) => (release = resolve));
    const a = publisher('a', { next: (symbol) => (symbol === 'ACME' ? slowPrice : 5) });
    await a.renewLease();
    const first = a.tick();
    await a.tick();
    release(10);
    await first;
    expect(store.published.map((q) => q.symbol).sort()).toEqual(['ACME', 'GLOBEX']);

    store.failing = true;
    await expect(a.tick()).resolves.toBeUndefined();
    store.failing = false;
    await a.tick();
    expect(store.published).toHaveLength(4);
  });

  it('refuses a price that is not above 0 instead of publishing it', async () => {
    const a = publisher('a', { next: () => Number.NaN });
    await a.renewLease();
    await a.tick();
    expect(store.published).toEqual([]);
  });
});
