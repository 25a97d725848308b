import { AUTH_FAILURE_CLOSE, type ConnectionState } from '@pulse/client';
import { CloseCode } from '@pulse/protocol';

export interface ConnectionStatus {
  readonly tone: 'pending' | 'ok' | 'warning' | 'error';
  readonly text: string;
  /** The link is closed for good because the session's credentials were refused. */
  readonly signInAgain: boolean;
}

/** Whole seconds left of a wait, rounded up and never below 1 (the wait ends by the state changing). */
export function secondsLeft(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}

/** What the banner says while the browser has no network and the client is not connected. */
export const OFFLINE_TEXT = 'You are offline — waiting for the network';

/**
 * What the connection banner says for a state. While reconnecting it shows `countdown`, the seconds left (from
 * `useReconnectCountdown`); without it, the whole wait. While the browser reports no network (`networkOnline`
 * false) and the client is trying to connect, it says so instead: the client retries as soon as the network is back.
 */
export function connectionStatus(
  state: ConnectionState,
  countdown?: number,
  networkOnline = true,
): ConnectionStatus {
  const trying = state.status === 'idle' || state.status === 'connecting' || state.status === 'reconnecting';
  if (!networkOnline && trying) return { tone: 'warning', text: OFFLINE_TEXT, signInAgain: false };
  switch (state.status) {
    case 'idle':
      return { tone: 'pending', text: 'Connecting…', signInAgain: false };
    case 'connecting':
      return {
        tone: 'pending',
        text: state.attempt === 0 ? 'Connecting…' : `Reconnecting… (attempt ${state.attempt})`,
        signInAgain: false,
      };
    case 'open':
      return { tone: 'ok', text: 'Connected', signInAgain: false };
    case 'reconnecting':
      return {
        tone: 'warning',
        text: `Connection lost — reconnecting in ${countdown ?? secondsLeft(state.delayMs)}s`,
        signInAgain: false,
      };
    case 'closed':
      if (state.code === AUTH_FAILURE_CLOSE.code) {
        return { tone: 'error', text: 'Your session has expired. Please sign in again.', signInAgain: true };
      }
      if (state.code === CloseCode.NORMAL) return { tone: 'error', text: 'Disconnected', signInAgain: false };
      return {
        tone: 'error',
        text: `Disconnected by the server (${state.code}${state.reason ? `: ${state.reason}` : ''})`,
        signInAgain: false,
      };
  }
}

export function rttText(rtt: number | undefined): string {
  return rtt === undefined ? 'RTT —' : `RTT ${Math.round(rtt)} ms`;
}
