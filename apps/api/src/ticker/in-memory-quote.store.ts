import type { SequencedRoom } from '@pulse/gateway';
import { tickerRoom } from '@pulse/protocol';
import type { Quote, QuoteDraft, QuoteStore } from './quote.store';

/**
 * One node's quotes, each numbered in its room `ticker:SYMBOL` by the node's sequenced room and kept as the symbol's
 * latest in the step that numbers it.
 */
export class InMemoryQuoteStore implements QuoteStore {
  private readonly latestQuotes = new Map<string, Quote>();

  constructor(private readonly sequenced: SequencedRoom) {}

  async publish(draft: QuoteDraft): Promise<Quote> {
    const { symbol, price, at } = draft;
    let quote: Quote | undefined;
    await this.sequenced.append(
      tickerRoom(symbol),
      { message: { type: 'quote', symbol, price, at } },
      {
        inMemory: (seq) => {
          quote = { type: 'quote', symbol, price, at, seq };
          this.latestQuotes.set(symbol, quote);
        },
      },
    );
    if (!quote) throw new Error('the quote was not numbered');
    return quote;
  }

  async latest(symbol: string): Promise<Quote | null> {
    return this.latestQuotes.get(symbol) ?? null;
  }
}
