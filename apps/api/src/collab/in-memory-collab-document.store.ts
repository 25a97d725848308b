import * as Y from 'yjs';
import type { CollabDocumentStore, CollabRetention } from './collab-document.store';

interface StoredDocument {
  snapshot: Uint8Array | null;
  tail: Uint8Array[];
  /** With an idle expiry: when (performance.now()) the document goes unless it is appended to or retained. */
  expiresAt: number;
}

/** With an idle expiry, how often expired documents are looked for: a quarter of it, at most once a minute. */
const SWEEP_MAX_INTERVAL_MS = 60_000;

/** Documents of one node, in its memory: gone when the process ends, or once idle for `idleExpiryMs` when set. */
export class InMemoryCollabDocumentStore implements CollabDocumentStore {
  private readonly documents = new Map<string, StoredDocument>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly retention: CollabRetention = {}) {}

  async load(document: string): Promise<Uint8Array[]> {
    const stored = this.documents.get(document);
    if (!stored) return [];
    return stored.snapshot ? [stored.snapshot, ...stored.tail] : [...stored.tail];
  }

  async append(document: string, update: Uint8Array): Promise<number> {
    let stored = this.documents.get(document);
    if (!stored) this.documents.set(document, (stored = { snapshot: null, tail: [], expiresAt: Infinity }));
    stored.tail.push(update);
    this.renew(stored);
    return stored.tail.length;
  }

  async compact(document: string): Promise<boolean> {
    const stored = this.documents.get(document);
    if (!stored || stored.tail.length === 0) return false;
    stored.snapshot = Y.mergeUpdates(stored.snapshot ? [stored.snapshot, ...stored.tail] : stored.tail);
    stored.tail = [];
    return true;
  }

  async retain(document: string): Promise<void> {
    const stored = this.documents.get(document);
    if (stored) this.renew(stored);
  }

  /** The node is shutting down. */
  onModuleDestroy(): void {
    this.stopSweeping();
  }

  private renew(stored: StoredDocument): void {
    const { idleExpiryMs } = this.retention;
    if (idleExpiryMs === undefined) return;
    stored.expiresAt = performance.now() + idleExpiryMs;
    if (!this.sweeper) {
      this.sweeper = setInterval(
        () => this.sweep(),
        Math.min(SWEEP_MAX_INTERVAL_MS, Math.max(10, Math.floor(idleExpiryMs / 4))),
      );
      this.sweeper.unref();
    }
  }

  private sweep(): void {
    const now = performance.now();
    for (const [name, stored] of this.documents) if (stored.expiresAt <= now) this.documents.delete(name);
    if (this.documents.size === 0) this.stopSweeping();
  }

  private stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
