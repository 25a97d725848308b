import { Type, type Static } from '@sinclair/typebox';
import { MessageId, Seq } from './common.schemas';

/**
 * The live ticker's whole contract: the socket messages (`subscribe`, `unsubscribe`, `quote`), the room naming and
 * the one HTTP endpoint that lists the symbols a server publishes.
 */

/** Every symbol's quotes go to the room `ticker:SYMBOL`; only the ticker writes there (plain `join` is refused). */
export const TICKER_ROOM_PREFIX = 'ticker:';

/** The symbols a server publishes when `TICKER_SYMBOLS` is not set. */
export const DEFAULT_TICKER_SYMBOLS: readonly string[] = ['ACME', 'GLOBEX', 'INITECH'];

/** The room that carries a symbol's quotes. */
export function tickerRoom(symbol: string): string {
  return `${TICKER_ROOM_PREFIX}${symbol}`;
}

/** A ticker symbol: 1-16 upper-case letters, digits, `.` or `-`, starting with a letter or digit (`BRK.B`). */
export const TickerSymbol = Type.String({
  minLength: 1,
  maxLength: 16,
  pattern: '^[A-Z0-9][A-Z0-9.\\-]*$',
  description: 'Ticker symbol: 1-16 of A-Z, 0-9, "." and "-", starting with a letter or digit',
});

export const SubscribeRequest = Type.Object(
  { type: Type.Literal('subscribe'), symbol: TickerSymbol, id: Type.Optional(MessageId) },
  {
    description:
      "Start receiving a symbol's quotes (joins the room `ticker:SYMBOL`). The latest quote, when there is one, comes " +
      'first, then every new one, with no gap and no duplicate between them. An unknown symbol is refused with ' +
      '`INVALID_MESSAGE`. Subscribing again is harmless (the latest quote is sent again).',
  },
);

export const UnsubscribeRequest = Type.Object(
  { type: Type.Literal('unsubscribe'), symbol: TickerSymbol, id: Type.Optional(MessageId) },
  {
    description:
      "Stop receiving a symbol's quotes. `NOT_IN_ROOM` when not subscribed. Once acknowledged, no further quote of it arrives.",
  },
);

export const QuoteEvent = Type.Object(
  {
    type: Type.Literal('quote'),
    symbol: TickerSymbol,
    price: Type.Number({ exclusiveMinimum: 0, description: 'The price, in the currency unit' }),
    at: Type.Integer({
      minimum: 0,
      description: 'When the price was set, in milliseconds since the Unix epoch',
    }),
    seq: Seq,
  },
  {
    description:
      "A symbol's latest price. Sequenced in its room (`seq` grows by one per quote, across nodes and a change of the " +
      'node that runs the price source). A quote supersedes every earlier one: a client that missed some just takes ' +
      'the newest (ignore a quote whose `seq` is not above the last one applied).',
  },
);

/** The ticker's HTTP paths. `GET /ticker/symbols` needs `Authorization: Bearer <access token>`. */
export const TickerPaths = {
  symbols: '/ticker/symbols',
} as const;

export const TickerSymbolsResponse = Type.Object(
  {
    symbols: Type.Array(TickerSymbol, {
      description: 'The symbols this server publishes, in its configured order',
    }),
    rateHz: Type.Number({ exclusiveMinimum: 0, description: 'How many quotes per second each symbol gets' }),
  },
  { description: 'GET /ticker/symbols: what may be subscribed to, and how often quotes come' },
);
export type TickerSymbolsResponse = Static<typeof TickerSymbolsResponse>;
