/**
 * What the environment says about the link's chances: the network came back (`online`), went away (`offline`), or
 * the page became visible again after being hidden (`visible`; timers of hidden pages are throttled, sockets of
 * frozen ones die unnoticed).
 */
export type NetworkSignal = 'online' | 'offline' | 'visible';

/** A source of `NetworkSignal`s. */
export interface NetworkSignals {
  /** Calls `listener` for every signal until the returned function is called. */
  subscribe(listener: (signal: NetworkSignal) => void): () => void;
  /** True while the environment knows there is no network (the browser's `navigator.onLine` is false). */
  isOffline?(): boolean;
}

interface SignalTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The parts of a browser's globals that carry the signals. */
export interface BrowserGlobals {
  readonly window?: SignalTarget;
  readonly document?: SignalTarget & { readonly visibilityState?: string };
  readonly navigator?: { readonly onLine?: boolean };
}

/**
 * The browser's signals: `online` and `offline` on `window`, `visibilitychange` to `visible` on `document`.
 * Undefined outside a browser (Node has neither), so the client then relies on its backoff and watchdog alone.
 */
export function browserNetworkSignals(
  globals: BrowserGlobals = globalThis as BrowserGlobals,
): NetworkSignals | undefined {
  const { window, document, navigator } = globals;
  if (!window || !document) return undefined;
  return {
    isOffline: () => navigator?.onLine === false,
    subscribe(listener) {
      const online = () => listener('online');
      const offline = () => listener('offline');
      const visibility = () => {
        if (document.visibilityState === 'visible') listener('visible');
      };
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      document.addEventListener('visibilitychange', visibility);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        document.removeEventListener('visibilitychange', visibility);
      };
    },
  };
}
