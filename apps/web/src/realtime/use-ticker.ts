import { TickerPaths, TickerSymbolsResponse, type ServerMessageOf } from '@pulse/protocol';
import { Value } from '@sinclair/typebox/value';
import { useEffect, useReducer, useState } from 'react';
import type { AccessTokens } from '../features/login/session.types';
import { apiBaseUrl } from './endpoints';
import { usePulseClient } from './pulse-context';

export type Quote = ServerMessageOf<'quote'>;

/** How many recent prices each symbol keeps for its sparkline. */
export const TICKER_HISTORY_POINTS = 60;

export interface SymbolQuotes {
  /** The newest quote applied. */
  readonly last: Quote;
  /** Recent prices, oldest first, at most `TICKER_HISTORY_POINTS`. */
  readonly prices: readonly number[];
  /** Set by (re)subscribing: the next quote is the server's snapshot and is taken whatever its seq. */
  readonly awaitingSnapshot: boolean;
}

/** Quotes by symbol; a symbol without a quote yet has no entry. */
export type TickerState = Readonly<Record<string, SymbolQuotes | undefined>>;

export type TickerAction =
  | { readonly kind: 'subscribed'; readonly symbol: string }
  | { readonly kind: 'quote'; readonly quote: Quote };

/**
 * Keeps the newest quote of each symbol and its recent prices. A quote whose seq is not above the last one applied is
 * a duplicate or stale and is ignored, except the first after a (re)subscribe: that one is the server's latest, and a
 * restarted server may have started counting again.
 */
export function tickerReducer(
  state: TickerState,
  action: TickerAction,
  limit = TICKER_HISTORY_POINTS,
): TickerState {
  if (action.kind === 'subscribed') {
    const current = state[action.symbol];
    return current ? { ...state, [action.symbol]: { ...current, awaitingSnapshot: true } } : state;
  }
  const { quote } = action;
  const current = state[quote.symbol];
  if (current && !current.awaitingSnapshot && quote.seq <= current.last.seq) return state;
  const prices = [...(current?.prices ?? []), quote.price].slice(-limit);
  return { ...state, [quote.symbol]: { last: quote, prices, awaitingSnapshot: false } };
}

const reduce = (state: TickerState, action: TickerAction) => tickerReducer(state, action);

/**
 * Subscribes to `symbols` while mounted, again after every reconnect (the server forgets subscriptions with the
 * connection), and keeps their quotes. Unsubscribes when unmounted; a changed list starts over (unsubscribes from the
 * old symbols, subscribes to the new ones, each of which then opens with the server's latest quote).
 */
export function useTicker(symbols: readonly string[]): TickerState {
  const client = usePulseClient();
  const [state, dispatch] = useReducer(reduce, {});
  const key = symbols.join(',');

  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',');
    const subscribeAll = () => {
      for (const symbol of wanted) {
        dispatch({ kind: 'subscribed', symbol });
        client.send('subscribe', { symbol });
      }
    };
    const offQuote = client.on('quote', (quote) => {
      if (wanted.includes(quote.symbol)) dispatch({ kind: 'quote', quote });
    });
    const offState = client.onState((connection) => {
      if (connection.status === 'open') subscribeAll();
    });
    if (client.state.status === 'open') subscribeAll();
    return () => {
      offQuote();
      offState();
      if (client.state.status === 'open') for (const symbol of wanted) client.send('unsubscribe', { symbol });
    };
  }, [client, key]);

  return state;
}

export interface TickerSymbols {
  /** Undefined until the server answered. */
  readonly symbols: readonly string[] | undefined;
  readonly rateHz: number | undefined;
  readonly error: string | null;
}

/** Asks the server once which symbols it publishes (`GET /ticker/symbols`). */
export async function fetchTickerSymbols(
  baseUrl: string,
  accessToken: string,
  signal?: AbortSignal,
): Promise<TickerSymbolsResponse> {
  const response = await fetch(`${baseUrl}${TickerPaths.symbols}`, {
    headers: { authorization: `Bearer ${accessToken}` },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`server answered ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(TickerSymbolsResponse, body)) throw new Error('unexpected response from the server');
  return body;
}

/** The symbols the server publishes, fetched once per sign-in. */
export function useTickerSymbols(tokens: AccessTokens): TickerSymbols {
  const [state, setState] = useState<TickerSymbols>({ symbols: undefined, rateHz: undefined, error: null });

  useEffect(() => {
    const abort = new AbortController();
    tokens
      .currentAccessToken()
      .then((accessToken) => fetchTickerSymbols(apiBaseUrl, accessToken, abort.signal))
      .then(
        ({ symbols, rateHz }) => setState({ symbols, rateHz, error: null }),
        (error: unknown) => {
          if (!abort.signal.aborted)
            setState({
              symbols: undefined,
              rateHz: undefined,
              error: error instanceof Error ? error.message : 'unknown error',
            });
        },
      );
    return () => abort.abort();
  }, [tokens]);

  return state;
}
