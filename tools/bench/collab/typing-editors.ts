import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LogHistogram } from '../metrics/log-histogram';

/** Where one editor connects: the provider's server URL and params (a fresh ticket for Pulse). */
export interface EditorEndpoint {
  readonly serverUrl: string;
  readonly params: Record<string, string>;
}

/** What was delivered during the measured window. */
export interface WindowCounts {
  deliveries: number;
  readonly latency: LogHistogram;
}

const TOKEN = /\[(\d+)\.(\d+)\]/g;
const SYNC_TIMEOUT_MS = 30_000;

/**
 * Stock y-websocket editors (the workspace's `WebsocketProvider`) on one shared document, each typing a token
 * `[editor.seq]` at the end of the text `hz` times a second. Every editor watches the text for the others' tokens:
 * one arrival of one token at one other editor is one delivered update, timed from its send (one process, one clock).
 */
export class TypingEditors {
  private readonly docs: Y.Doc[] = [];
  private readonly providers: WebsocketProvider[] = [];
  private readonly sentAt: number[][] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private measuring: WindowCounts | null = null;
  sent = 0;
  received = 0;
  closes = 0;

  async open(endpoints: readonly EditorEndpoint[], document: string): Promise<void> {
    for (const [index, endpoint] of endpoints.entries()) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(endpoint.serverUrl, document, doc, {
        params: { ...endpoint.params },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        resyncInterval: -1,
      });
      // A ticket opens one connection; a bench editor that lost its connection stays out and is counted.
      provider.on('connection-close', () => {
        this.closes++;
        provider.disconnect();
      });
      provider.awareness.setLocalStateField('user', { name: `editor-${index}` });
      this.sentAt.push([]);
      doc.getText('notes').observe((event) => {
        if (event.transaction.local) return;
        this.arrived(event.delta);
      });
      this.docs.push(doc);
      this.providers.push(provider);
    }
    await Promise.all(this.providers.map((provider) => synced(provider)));
  }

  /** Every editor types `hz` tokens a second, each on its own phase. */
  startTyping(hz: number): void {
    const intervalMs = 1000 / hz;
    for (const [editor, doc] of this.docs.entries()) {
      const text = doc.getText('notes');
      const start = setTimeout(
        () => {
          this.timers.push(
            setInterval(() => {
              const seq = this.sentAt[editor].length;
              this.sentAt[editor].push(performance.now());
              text.insert(text.length, `[${editor}.${seq}]`);
              this.sent++;
            }, intervalMs),
          );
        },
        (intervalMs * editor) / this.docs.length,
      );
      this.timers.push(start);
    }
  }

  stopTyping(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }

  /** Starts counting deliveries and their latency; `endWindow` stops and returns them. */
  beginWindow(): void {
    this.measuring = { deliveries: 0, latency: new LogHistogram() };
  }

  endWindow(): WindowCounts {
    const counts = this.measuring ?? { deliveries: 0, latency: new LogHistogram() };
    this.measuring = null;
    return counts;
  }

  /** Every token sent has reached every other editor. */
  get complete(): boolean {
    return this.received >= this.sent * (this.docs.length - 1);
  }

  destroy(): void {
    this.stopTyping();
    for (const provider of this.providers) provider.destroy();
    for (const doc of this.docs) doc.destroy();
  }

  private arrived(delta: ReadonlyArray<{ insert?: unknown }>): void {
    const now = performance.now();
    for (const op of delta) {
      if (typeof op.insert !== 'string') continue;
      for (const match of op.insert.matchAll(TOKEN)) {
        const sentAt = this.sentAt[Number(match[1])]?.[Number(match[2])];
        if (sentAt === undefined) continue;
        this.received++;
        if (!this.measuring) continue;
        this.measuring.deliveries++;
        this.measuring.latency.record(now - sentAt);
      }
    }
  }
}

function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`an editor did not sync within ${SYNC_TIMEOUT_MS} ms`)),
      SYNC_TIMEOUT_MS,
    );
    const onSync = (isSynced: boolean): void => {
      if (!isSynced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}
