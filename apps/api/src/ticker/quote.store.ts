import type { ServerMessageOf } from '@pulse/protocol';

export type Quote = ServerMessageOf<'quote'>;

/** A price before its room numbers it. */
export type QuoteDraft = Omit<Quote, 'type' | 'seq'>;

/**
 * Each symbol's quotes: numbers a quote with the next `seq` of its room `ticker:SYMBOL`, keeps it as the symbol's
 * latest, and publishes it to every subscriber on every node, in one step. In memory on one node; in Redis (the
 * room's shared seq, log and channel) across nodes, so a new price-source leader carries on where the last one
 * stopped.
 */
export interface QuoteStore {
  /** Numbers, keeps and publishes a quote; returns it as published. */
  publish(draft: QuoteDraft): Promise<Quote>;
  /** The symbol's latest quote, or null when it has none (yet, or any more). */
  latest(symbol: string): Promise<Quote | null>;
}

export const QUOTE_STORE = Symbol('PULSE_QUOTE_STORE');

/** Encodes a quote with `seq` as its last field and cuts the frame just before the number (`..."seq":`). */
export function quoteFramePrefix(draft: QuoteDraft, encode: (message: Quote) => string): string {
  const frame = encode({ type: 'quote', symbol: draft.symbol, price: draft.price, at: draft.at, seq: 0 });
  if (!frame.endsWith(',"seq":0}')) throw new Error('quote frame must end with its seq');
  return frame.slice(0, -2);
}
