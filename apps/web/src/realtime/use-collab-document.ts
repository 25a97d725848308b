import type { ConnectionState, DocumentAccess } from '@pulse/client';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { AccessTokens } from '../features/login/session.types';
import { CollabSession, type CollabPeer } from './collab-session';

export type { CollabPeer } from './collab-session';

export interface CollabDocumentView {
  readonly doc: Y.Doc;
  /** Null while not connected-or-connecting (before the first effect, after unmount). */
  readonly provider: WebsocketProvider | null;
  /** The document link, in the terms of the connection banner. */
  readonly link: ConnectionState;
  readonly peers: readonly CollabPeer[];
  /** Null until the server said. */
  readonly access: DocumentAccess | null;
  /** Starts over after the link was closed for good. */
  readonly reconnect: () => void;
}

/**
 * The shared document `name` at `/collab/<name>` while the calling component is mounted, through
 * `createCollabProvider` (a fresh ticket for every connection), announcing this user's name and colour.
 */
export function useCollabDocument(
  name: string,
  tokens: AccessTokens,
  user: { name: string; colour: string },
): CollabDocumentView {
  const { name: userName, colour } = user;
  const session = useMemo(
    () => new CollabSession(name, tokens, { name: userName, colour }),
    [name, tokens, userName, colour],
  );

  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);

  const provider = useSyncExternalStore(session.subscribe, () => session.provider);
  const link = useSyncExternalStore(session.subscribe, () => session.link);
  const peers = useSyncExternalStore(session.subscribe, () => session.peers);
  const access = useSyncExternalStore(session.subscribe, () => session.access);
  return { doc: session.doc, provider, link, peers, access, reconnect: () => session.restart() };
}
