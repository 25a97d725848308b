import type { ConnectionState } from '@pulse/client';
import { connectionStatus, rttText } from './connection-status';
import { useReconnectCountdown } from './use-reconnect-countdown';

export interface ConnectionBannerProps {
  readonly state: ConnectionState;
  readonly rtt: number | undefined;
  readonly onReconnect: () => void;
  readonly onSignOut: () => void;
  /** Whether the browser has a network (`navigator.onLine`). @default true */
  readonly networkOnline?: boolean;
  /** Whether the link measures a round-trip time to show while open. @default true */
  readonly showRtt?: boolean;
}

/**
 * One line that keeps its height through every state, so the page below never jumps. Screen readers hear each
 * state once (the status region holds the text without the ticking countdown); sighted users see the countdown.
 */
export function ConnectionBanner({
  state,
  rtt,
  onReconnect,
  onSignOut,
  networkOnline = true,
  showRtt = true,
}: ConnectionBannerProps) {
  const countdown = useReconnectCountdown(state);
  const status = connectionStatus(state, undefined, networkOnline);
  const shown = connectionStatus(state, countdown, networkOnline);
  return (
    <section className={`banner banner--${status.tone}`} aria-label="Connection">
      <span className="banner__dot" aria-hidden="true" />
      <span className="banner__text" aria-hidden="true">
        {shown.text}
      </span>
      <span className="visually-hidden" role="status">
        {status.text}
      </span>
      {state.status === 'open' && showRtt && <span className="banner__rtt">{rttText(rtt)}</span>}
      {state.status === 'closed' &&
        (status.signInAgain ? (
          <button type="button" onClick={onSignOut}>
            Sign in again
          </button>
        ) : (
          <button type="button" onClick={onReconnect}>
            Reconnect
          </button>
        ))}
    </section>
  );
}
