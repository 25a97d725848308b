/** Where a connection stands. `attempt` counts reconnect attempts since the link was last open (1 = first retry). */
export type ConnectionState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly attempt: number }
  | { readonly status: 'open' }
  | { readonly status: 'reconnecting'; readonly attempt: number; readonly delayMs: number }
  | { readonly status: 'closed'; readonly code: number; readonly reason: string };

export type ConnectionStatus = ConnectionState['status'];

export type ConnectionEvent =
  /** The user asked to connect. */
  | { readonly type: 'connect' }
  /** The socket opened. */
  | { readonly type: 'opened' }
  /** The link failed or dropped unexpectedly; retry after `delayMs`. */
  | { readonly type: 'lost'; readonly delayMs: number }
  /** The reconnect delay is over. */
  | { readonly type: 'retry' }
  /** The connection is over for good: a deliberate close, a terminal close code, or refused credentials. */
  | { readonly type: 'close'; readonly code: number; readonly reason: string };

export const initialConnectionState: ConnectionState = { status: 'idle' };

/** The number of the reconnect attempt that a `lost` event in `state` would schedule. */
export function nextAttempt(state: ConnectionState): number {
  return state.status === 'connecting' ? state.attempt + 1 : 1;
}

/** The state machine. An event that does not apply to the current state leaves it unchanged (same object). */
export function transition(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connect':
      return state.status === 'idle' || state.status === 'closed'
        ? { status: 'connecting', attempt: 0 }
        : state;
    case 'opened':
      return state.status === 'connecting' ? { status: 'open' } : state;
    case 'lost':
      return state.status === 'connecting' || state.status === 'open'
        ? { status: 'reconnecting', attempt: nextAttempt(state), delayMs: event.delayMs }
        : state;
    case 'retry':
      return state.status === 'reconnecting' ? { status: 'connecting', attempt: state.attempt } : state;
    case 'close':
      return state.status === 'closed' ? state : { status: 'closed', code: event.code, reason: event.reason };
  }
}
