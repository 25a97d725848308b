import { TICKER_HISTORY_POINTS, useTicker, useTickerSymbols } from '../../realtime/use-ticker';
import type { AccessTokens } from '../login/session.types';
import { TickerTable } from './ticker-table';

/** The live ticker: every symbol the server publishes, with its price and a sparkline, updated as quotes arrive. */
export function TickerPage({ tokens }: { readonly tokens: AccessTokens }) {
  const { symbols, rateHz, error } = useTickerSymbols(tokens);
  const quotes = useTicker(symbols ?? []);
  return (
    <section
      className="card ticker"
      aria-labelledby="ticker-title"
      aria-busy={symbols === undefined && !error}
    >
      <h2 id="ticker-title">Live ticker</h2>
      {symbols === undefined && !error && <p className="muted">Loading symbols…</p>}
      {error && <p role="alert">Could not load the symbols ({error}).</p>}
      {symbols && <TickerTable symbols={symbols} quotes={quotes} />}
      {rateHz !== undefined && (
        <p className="muted">
          {rateHz} quotes per second per symbol; each line shows the last{' '}
          {Math.round(TICKER_HISTORY_POINTS / rateHz)} seconds.
        </p>
      )}
    </section>
  );
}
