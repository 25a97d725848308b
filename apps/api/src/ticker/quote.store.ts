import type { ServerMessageOf } from '@pulse/protocol';

export type Quote = ServerMessageOf<'quote'>;

/** A price before its room numbers it. */
export type QuoteDraft = Omit<Quote, 'type' | 'seq'>;

/**
 * Each symbol's quotes: numbers a quote with the next `seq` of its room `ticker:SYMBOL` (through `SequencedRoom`), keeps it as the symbol's
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
