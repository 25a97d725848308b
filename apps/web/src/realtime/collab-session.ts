import {
  AUTH_FAILURE_CLOSE,
  createCollabProvider,
  fetchDocumentAccess,
  PulseAuthError,
  type CollabConnection,
  type ConnectionState,
  type DocumentAccess,
} from '@pulse/client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AccessTokens } from '../features/login/session.types';
import { apiBaseUrl } from './endpoints';

/** Someone with the document open, from their awareness state. */
export interface CollabPeer {
  readonly clientId: number;
  readonly name: string;
  readonly colour: string;
  readonly self: boolean;
}

/** What each user announces: y-codemirror.next draws remote carets and selections from `user`. */
interface UserAwareness {
  readonly user?: { readonly name?: string; readonly color?: string };
}

const NO_PEERS: readonly CollabPeer[] = [];

/**
 * One shared document for a page: the `Y.Doc` lasts as long as the session, the provider (with its timers and its
 * awareness) only from `start` to `stop`, so a page that goes away leaves nothing running. Snapshots (`link`,
 * `peers`, `provider`) change identity only when they change, for `useSyncExternalStore`.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  link: ConnectionState = { status: 'idle' };
  peers: readonly CollabPeer[] = NO_PEERS;
  provider: WebsocketProvider | null = null;
  /** What the user may do here, once the server said (`GET /collab/<document>/access`). */
  access: DocumentAccess | null = null;
  private connection: CollabConnection<WebsocketProvider> | null = null;
  /** Bumped by `stop`, so that an access answer that comes after it starts nothing. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly document: string,
    private readonly tokens: AccessTokens,
    private readonly user: { readonly name: string; readonly colour: string },
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks what the user may do, then connects (with a fresh ticket each time) unless the answer is nothing. */
  start(): void {
    if (this.connection) return;
    const generation = ++this.generation;
    this.update({ link: { status: 'connecting', attempt: 0 } });
    this.tokens
      .currentAccessToken()
      .then((accessToken) => fetchDocumentAccess(apiBaseUrl, accessToken, this.document))
      .then(
        (access) => {
          if (generation !== this.generation) return;
          this.update({ access });
          if (access !== 'none') this.connect();
          else this.update({ link: { status: 'idle' } });
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          if (error instanceof PulseAuthError && error.authFailure)
            return this.update({ link: { status: 'closed', ...AUTH_FAILURE_CLOSE } });
          // The server is away: the provider's own retries take it from here, editable until told otherwise.
          this.connect();
        },
      );
  }

  private connect(): void {
    if (this.connection) return;
    let attempt = 0;
    const connection = createCollabProvider({
      WebsocketProvider,
      doc: this.doc,
      document: this.document,
      baseUrl: window.location.origin,
      getTicket: () => this.tokens.getTicket(),
      onAuthFailure: () => this.update({ link: { status: 'closed', ...AUTH_FAILURE_CLOSE } }),
    });
    const { provider } = connection;
    provider.awareness.setLocalStateField('user', {
      name: this.user.name,
      color: this.user.colour,
      colorLight: `${this.user.colour}33`,
    });
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        attempt = 0;
        this.update({ link: { status: 'open' } });
      } else if (status === 'connecting') this.update({ link: { status: 'connecting', attempt } });
      else if (status === 'disconnected') this.update({ link: { status: 'connecting', attempt: ++attempt } });
    });
    provider.awareness.on('change', () => this.update({ peers: peersOf(provider) }));
    this.connection = connection;
    this.update({ provider, peers: peersOf(provider) });
  }

  /** Disconnects and stops every timer; `start` connects again. */
  stop(): void {
    this.generation++;
    this.connection?.destroy();
    this.connection = null;
    this.update({ provider: null, peers: NO_PEERS, link: { status: 'idle' } });
  }

  /** After the link closed for good (refused credentials): starts over. */
  restart(): void {
    this.stop();
    this.start();
  }

  private update(changes: Partial<Pick<CollabSession, 'link' | 'peers' | 'provider' | 'access'>>): void {
    Object.assign(this, changes);
    for (const listener of this.listeners) listener();
  }
}

function peersOf(provider: WebsocketProvider): CollabPeer[] {
  const self = provider.awareness.clientID;
  return [...provider.awareness.getStates()]
    .map(([clientId, state]) => {
      const user = (state as UserAwareness).user;
      return {
        clientId,
        name: user?.name ?? 'someone',
        colour: user?.color ?? '#93c5fd',
        self: clientId === self,
      };
    })
    .sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
