import { TERMINAL_CLOSE_CODES } from '@pulse/protocol';
import { PulseAuthError } from '../auth-error';
import { defaultBackoffOptions, nextDelay, type BackoffOptions } from '../backoff';

/** Where Pulse serves shared documents: `ws(s)://HOST/collab/<document>?ticket=...`. */
export const COLLAB_PATH = '/collab';

/**
 * What the helper uses of a y-websocket `WebsocketProvider` (1.5.x). Structural, so the SDK itself never imports
 * `yjs` or `y-websocket`: an app that uses the helper brings them (peer dependencies of `@pulse/client`).
 */
export interface CollabProviderLike {
  /** The URL of the next connection; the helper sets it, with a fresh ticket, before each one. */
  url: string;
  connect(): void;
  disconnect(): void;
  destroy(): void;
  /** y-websocket's provider makes an `Awareness` when none is given; its timer runs until it is destroyed. */
  readonly awareness?: { destroy(): void };
  on(event: 'status', listener: (event: { status: string }) => void): void;
  on(event: 'connection-close', listener: (event: { code?: number } | null) => void): void;
}

/** The options the helper gives the provider's constructor (y-websocket's own names). */
export interface CollabProviderConstructorOptions<W, A> {
  connect?: boolean;
  params?: Record<string, string>;
  WebSocketPolyfill?: W;
  awareness?: A;
  disableBc?: boolean;
}

export interface CollabProviderOptions<D, P extends CollabProviderLike, W = never, A = never> {
  /** y-websocket's `WebsocketProvider` class. */
  readonly WebsocketProvider: new (
    serverUrl: string,
    document: string,
    doc: D,
    options: CollabProviderConstructorOptions<W, A>,
  ) => P;
  /** The `Y.Doc` to share. */
  readonly doc: D;
  /** The document's name: 1-64 letters, digits and `: _ - .`. */
  readonly document: string;
  /** The server's origin, `http(s)://host[:port]` (the socket uses ws(s) on it). */
  readonly baseUrl: string;
  /** A fresh single-use ticket, asked before every connection and reconnection (for example `fetchTicket`). */
  readonly getTicket: () => Promise<string>;
  /** Between failed attempts. @default defaultBackoffOptions (full jitter, 500 ms growing to 20 s) */
  readonly backoff?: BackoffOptions;
  /** Told when `getTicket` failed because the access token was refused; the helper then stops reconnecting. */
  readonly onAuthFailure?: (error: PulseAuthError) => void;
  /** Passed to the provider: a WebSocket class for Node (`ws`), an `Awareness` of your own, `disableBc`. */
  readonly WebSocketPolyfill?: W;
  readonly awareness?: A;
  readonly disableBc?: boolean;
  /** @default Math.random */
  readonly random?: () => number;
}

/** The provider, connected with a fresh ticket each time, and how to stop it. */
export interface CollabConnection<P> {
  readonly provider: P;
  /** Stops reconnecting and destroys the provider. */
  destroy(): void;
}

/**
 * Builds a y-websocket provider for a Pulse document. The stock provider reconnects with the URL it was made with,
 * but Pulse's tickets are single use: this helper takes reconnection over, and before every connection asks
 * `getTicket` for a new ticket and points the provider at it. Attempts that fail back off with full jitter;
 * a close the protocol calls terminal (1000, 1008, 4003) or a refused access token stops it.
 */
export function createCollabProvider<D, P extends CollabProviderLike, W = never, A = never>(
  options: CollabProviderOptions<D, P, W, A>,
): CollabConnection<P> {
  const serverUrl = `${options.baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${COLLAB_PATH}`;
  const provider = new options.WebsocketProvider(serverUrl, options.document, options.doc, {
    connect: false,
    params: {},
    ...(options.WebSocketPolyfill === undefined ? {} : { WebSocketPolyfill: options.WebSocketPolyfill }),
    ...(options.awareness === undefined ? {} : { awareness: options.awareness }),
    ...(options.disableBc === undefined ? {} : { disableBc: options.disableBc }),
  });
  const backoff = options.backoff ?? defaultBackoffOptions;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const retry = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect(), nextDelay(attempt++, backoff, options.random));
  };

  async function connect(): Promise<void> {
    let ticket: string;
    try {
      ticket = await options.getTicket();
    } catch (error) {
      if (error instanceof PulseAuthError && error.authFailure) {
        stopped = true;
        return options.onAuthFailure?.(error);
      }
      return retry();
    }
    if (stopped) return;
    provider.url = `${serverUrl}/${options.document}?ticket=${encodeURIComponent(ticket)}`;
    provider.connect();
  }

  provider.on('status', (event) => {
    if (event.status === 'connected') attempt = 0;
  });
  provider.on('connection-close', (event) => {
    // The provider would reconnect with the used ticket: stop it, and come back with a new one.
    provider.disconnect();
    if (event?.code !== undefined && TERMINAL_CLOSE_CODES.some((code) => code === event.code)) stopped = true;
    retry();
  });
  void connect();

  return {
    provider,
    destroy() {
      stopped = true;
      clearTimeout(timer);
      provider.destroy();
      // y-websocket's destroy() leaves the Awareness it made (and its interval) alive; one the caller gave stays theirs.
      if (options.awareness === undefined) provider.awareness?.destroy();
    },
  };
}
