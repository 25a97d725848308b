import type { ConnectionState } from '@pulse/client';
import { connectionStatus, rttText } from './connection-status';

export interface ConnectionBannerProps {
  readonly state: ConnectionState;
  readonly rtt: number | undefined;
  readonly onReconnect: () => void;
  readonly onSignOut: () => void;
}

export function ConnectionBanner({ state, rtt, onReconnect, onSignOut }: ConnectionBannerProps) {
  const status = connectionStatus(state);
  return (
    <div className={`banner banner--${status.tone}`} role="status">
      <span className="banner__dot" aria-hidden="true" />
      <span className="banner__text">{status.text}</span>
      {state.status === 'open' && <span className="banner__rtt">{rttText(rtt)}</span>}
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
    </div>
  );
}
