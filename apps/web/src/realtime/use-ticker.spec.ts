import type { ConnectionState, PulseClient } from '@pulse/client';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { PulseClientContext } from './pulse-context';
import { tickerReducer, useTicker, type Quote, type TickerState } from './use-ticker';

const quote = (symbol: string, price: number, seq: number): Quote => ({
  type: 'quote',
  symbol,
  price,
  at: 1_700_000_000_000,
  seq,
});

describe('tickerReducer', () => {
  it('keeps the newest quote per symbol and its recent prices, oldest first, up to the limit', () => {
    let state: TickerState = {};
    for (const [price, seq] of [
      [10, 1],
      [11, 2],
      [12, 3],
    ])
      state = tickerReducer(state, { kind: 'quote', quote: quote('ACME', price, seq) }, 2);
    expect(state['ACME']).toEqual({ last: quote('ACME', 12, 3), prices: [11, 12], awaitingSnapshot: false });
  });

  it('ignores a duplicate or older quote, but takes the first after a resubscribe whatever its seq', () => {
    let state = tickerReducer({}, { kind: 'quote', quote: quote('ACME', 10, 5) });
    expect(tickerReducer(state, { kind: 'quote', quote: quote('ACME', 9, 5) })).toBe(state);
    expect(tickerReducer(state, { kind: 'quote', quote: quote('ACME', 9, 4) })).toBe(state);
    state = tickerReducer(state, { kind: 'subscribed', symbol: 'ACME' });
    state = tickerReducer(state, { kind: 'quote', quote: quote('ACME', 9, 1) });
    expect(state['ACME']?.last.seq).toBe(1);
    expect(state['ACME']?.prices).toEqual([10, 9]);
    expect(tickerReducer(state, { kind: 'quote', quote: quote('ACME', 8, 1) })).toBe(state);
  });
});

/** Just what `useTicker` uses of the SDK: state, `on('quote')`, `onState` and `send`. */
class FakeClient {
  state: ConnectionState = { status: 'open' };
  readonly sent: Array<[string, unknown]> = [];
  private quoteHandlers = new Set<(quote: Quote) => void>();
  private stateListeners = new Set<(state: ConnectionState) => void>();

  on(_type: 'quote', handler: (quote: Quote) => void): () => void {
    this.quoteHandlers.add(handler);
    return () => this.quoteHandlers.delete(handler);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  send(type: string, payload: unknown): void {
    this.sent.push([type, payload]);
  }

  receive(message: Quote): void {
    for (const handler of this.quoteHandlers) handler(message);
  }

  become(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

function renderTicker(client: FakeClient, symbols: readonly string[]) {
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(PulseClientContext, { value: client as unknown as PulseClient }, children);
  return renderHook(({ list }) => useTicker(list), { wrapper, initialProps: { list: symbols } });
}

describe('useTicker', () => {
  it('subscribes to each symbol and keeps only their quotes', () => {
    const client = new FakeClient();
    const { result } = renderTicker(client, ['ACME', 'GLOBEX']);
    expect(client.sent).toEqual([
      ['subscribe', { symbol: 'ACME' }],
      ['subscribe', { symbol: 'GLOBEX' }],
    ]);
    act(() => {
      client.receive(quote('ACME', 10, 1));
      client.receive(quote('INITECH', 99, 1));
    });
    expect(result.current['ACME']?.last.price).toBe(10);
    expect(result.current['INITECH']).toBeUndefined();
  });

  it('subscribes again after a reconnect, and takes the new snapshot', () => {
    const client = new FakeClient();
    client.state = { status: 'connecting', attempt: 0 };
    const { result } = renderTicker(client, ['ACME']);
    expect(client.sent).toEqual([]);
    act(() => client.become({ status: 'open' }));
    act(() => client.receive(quote('ACME', 10, 40)));
    act(() => client.become({ status: 'reconnecting', attempt: 1, delayMs: 100 }));
    act(() => client.become({ status: 'open' }));
    act(() => client.receive(quote('ACME', 11, 1)));
    expect(client.sent).toEqual([
      ['subscribe', { symbol: 'ACME' }],
      ['subscribe', { symbol: 'ACME' }],
    ]);
    expect(result.current['ACME']?.prices).toEqual([10, 11]);
  });

  it('unsubscribes from symbols it no longer shows, and from all when unmounted', () => {
    const client = new FakeClient();
    const { rerender, unmount } = renderTicker(client, ['ACME', 'GLOBEX']);
    client.sent.length = 0;
    rerender({ list: ['ACME'] });
    expect(client.sent).toEqual([
      ['unsubscribe', { symbol: 'ACME' }],
      ['unsubscribe', { symbol: 'GLOBEX' }],
      ['subscribe', { symbol: 'ACME' }],
    ]);
    client.sent.length = 0;
    unmount();
    expect(client.sent).toEqual([['unsubscribe', { symbol: 'ACME' }]]);
  });
});
