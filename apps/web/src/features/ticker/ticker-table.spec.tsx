import { render, screen, within } from '@testing-library/react';
import type { Quote, SymbolQuotes } from '../../realtime/use-ticker';
import { changeOf, TickerTable } from './ticker-table';

const quote = (symbol: string, price: number, seq: number): Quote => ({
  type: 'quote',
  symbol,
  price,
  at: 1_700_000_000_000 + seq,
  seq,
});
const quotesOf = (symbol: string, prices: number[]): SymbolQuotes => ({
  last: quote(symbol, prices[prices.length - 1], prices.length),
  prices,
  awaitingSnapshot: false,
});

describe('TickerTable', () => {
  it('shows each symbol in order with its price, its change over the window and a sparkline', () => {
    render(
      <TickerTable
        symbols={['GLOBEX', 'ACME']}
        quotes={{ ACME: quotesOf('ACME', [100, 101, 102.5]), GLOBEX: quotesOf('GLOBEX', [50, 49]) }}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['GLOBEX', 'ACME']);
    expect(rows[1].textContent).toContain('102.50');
    expect(rows[1].textContent).toContain('+2.50 (+2.50%)');
    expect(rows[0].textContent).toContain('−1.00 (−2.00%)');
    expect(
      within(rows[1])
        .getByRole('img', { name: 'ACME, last 3 prices' })
        .querySelector('polyline')
        ?.getAttribute('points'),
    ).not.toBe('');
  });

  it('shows a placeholder for a symbol without a quote yet', () => {
    render(<TickerTable symbols={['INITECH']} quotes={{}} />);
    const row = screen.getAllByRole('row')[1];
    expect(row.textContent).toContain('…');
    expect(within(row).getByRole('img', { name: 'INITECH, last 0 prices' })).toBeTruthy();
  });
});

describe('changeOf', () => {
  it('calls a change below half a cent flat', () => {
    expect(changeOf(quotesOf('ACME', [10, 10.004]))).toEqual({ text: '±0.00 (±0.04%)', direction: 'flat' });
  });
});
