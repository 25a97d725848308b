import type { RoomsService } from '@pulse/gateway';
import { tickerRoom } from '@pulse/protocol';
import type { Quote, QuoteDraft, QuoteStore } from './quote.store';

/**
 * One node's quotes. Ticker rooms are written by the ticker alone (`TickerRoomPolicy` refuses every other message
 * there), so a counter per room here is the room's whole sequence.
 */
export class InMemoryQuoteStore implements QuoteStore {
  private readonly seqs = new Map<string, number>();
  private readonly latestQuotes = new Map<string, Quote>();

  constructor(private readonly rooms: RoomsService) {}

  async publish(draft: QuoteDraft): Promise<Quote> {
    const room = tickerRoom(draft.symbol);
    const seq = (this.seqs.get(room) ?? 0) + 1;
    this.seqs.set(room, seq);
    const quote: Quote = { type: 'quote', symbol: draft.symbol, price: draft.price, at: draft.at, seq };
    this.latestQuotes.set(draft.symbol, quote);
    await this.rooms.publish(room, quote, { seq });
    return quote;
  }

  async latest(symbol: string): Promise<Quote | null> {
    return this.latestQuotes.get(symbol) ?? null;
  }
}
