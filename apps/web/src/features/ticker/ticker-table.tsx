import type { SymbolQuotes, TickerState } from '../../realtime/use-ticker';
import { Sparkline } from './sparkline';

export interface TickerTableProps {
  /** The rows, in this order. */
  readonly symbols: readonly string[];
  readonly quotes: TickerState;
}

const price = (value: number) => value.toFixed(2);

/** The change over the prices on screen (the sparkline's window), as text and a sign. */
export function changeOf(quotes: SymbolQuotes): {
  readonly text: string;
  readonly direction: 'up' | 'down' | 'flat';
} {
  const first = quotes.prices[0] ?? quotes.last.price;
  const delta = quotes.last.price - first;
  const percent = first === 0 ? 0 : (delta / first) * 100;
  const direction = Math.abs(delta) < 0.005 ? 'flat' : delta > 0 ? 'up' : 'down';
  const sign = direction === 'up' ? '+' : direction === 'down' ? '−' : '±';
  return { text: `${sign}${price(Math.abs(delta))} (${sign}${Math.abs(percent).toFixed(2)}%)`, direction };
}

const COLOURS = { up: 'var(--ok)', down: 'var(--error)', flat: 'var(--muted)' } as const;

/** One row per symbol: its latest price, the change over the window and a sparkline. */
export function TickerTable({ symbols, quotes }: TickerTableProps) {
  return (
    <table
      className="ticker-table"
      style={{ width: '100%', borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' }}
    >
      <caption className="visually-hidden">Live prices</caption>
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: 'left' }}>
            Symbol
          </th>
          <th scope="col" style={{ textAlign: 'right' }}>
            Price
          </th>
          <th scope="col" style={{ textAlign: 'right' }}>
            Change
          </th>
          <th scope="col">Trend</th>
        </tr>
      </thead>
      <tbody>
        {symbols.map((symbol) => {
          const current = quotes[symbol];
          const change = current ? changeOf(current) : undefined;
          return (
            <tr key={symbol}>
              <th scope="row" style={{ textAlign: 'left' }}>
                {symbol}
              </th>
              <td style={{ textAlign: 'right' }}>{current ? price(current.last.price) : '…'}</td>
              <td style={{ textAlign: 'right', color: change ? COLOURS[change.direction] : undefined }}>
                {change?.text ?? ''}
              </td>
              <td style={{ textAlign: 'center' }}>
                <Sparkline
                  values={current?.prices ?? []}
                  label={`${symbol}, last ${current?.prices.length ?? 0} prices`}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
