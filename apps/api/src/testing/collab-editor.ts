import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket client (`WebsocketProvider`) on one Pulse node, as an editor would run it. */
export interface CollabEditor {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly text: Y.Text;
  /** Resolves once the provider reports the document synced with the server. */
  synced(): Promise<void>;
  /** Resolves once `check` holds for the text (checked on every change). */
  textSatisfies(check: (text: string) => boolean, what: string): Promise<void>;
  /** Resolves once `check` holds for the other clients' awareness states (checked on every change). */
  peersSatisfy(check: (names: string[]) => boolean, what: string): Promise<void>;
  destroy(): void;
}

const WAIT_MS = 15_000;

/**
 * `httpUrl` is the node's (`http://127.0.0.1:PORT`); the provider connects to `ws://.../collab/<document>?ticket=`
 * with the given ticket, once (no BroadcastChannel: two editors in one process must meet through the server). Pass
 * the `doc` of an editor whose connection ended to connect it again, as a reconnecting editor would.
 */
export function openCollabEditor(
  httpUrl: string,
  document: string,
  ticket: string,
  name: string,
  doc = new Y.Doc(),
): CollabEditor {
  const provider = new WebsocketProvider(`${httpUrl.replace(/^http/, 'ws')}/collab`, document, doc, {
    params: { ticket },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // One ticket opens one connection: a reconnect with it would be refused, so the editor does not try.
  provider.on('connection-close', () => provider.disconnect());
  provider.awareness.setLocalStateField('user', { name });
  const text = doc.getText('notes');

  function until(
    check: () => boolean,
    subscribe: (listener: () => void) => () => void,
    what: string,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`timed out waiting for ${what}`));
      }, WAIT_MS);
      const unsubscribe = subscribe(() => {
        if (!check()) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }

  const peerNames = () =>
    [...provider.awareness.getStates()]
      .filter(([id]) => id !== doc.clientID)
      .map(([, state]) => (state as { user?: { name?: string } }).user?.name ?? '?')
      .sort();

  return {
    doc,
    provider,
    text,
    synced: () =>
      until(
        () => provider.synced,
        (listener) => {
          provider.on('sync', listener);
          return () => provider.off('sync', listener);
        },
        `${name} to sync ${document}`,
      ),
    textSatisfies: (check, what) =>
      until(
        () => check(text.toString()),
        (listener) => {
          text.observe(listener);
          return () => text.unobserve(listener);
        },
        what,
      ),
    peersSatisfy: (check, what) =>
      until(
        () => check(peerNames()),
        (listener) => {
          provider.awareness.on('change', listener);
          return () => provider.awareness.off('change', listener);
        },
        what,
      ),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
