/**
 * Where documents are kept: a compacted snapshot plus the tail of updates appended since. In memory on one node, or
 * in Redis shared by every node. Documents are kept until deleted (they are data, not a cache), unless the store was
 * given an idle expiry (`COLLAB_DOCUMENT_IDLE_EXPIRY_MS`): then a document that nobody appended to or retained for
 * that long is removed.
 */
export interface CollabDocumentStore {
  /** Everything stored for the document (the snapshot, then the tail), as Yjs updates; empty when it is new. */
  load(document: string): Promise<Uint8Array[]>;
  /** Resolves once the update is stored, with the number of updates in the tail behind the snapshot. */
  append(document: string, update: Uint8Array): Promise<number>;
  /**
   * Merges the snapshot and the tail into a new snapshot (`Y.mergeUpdates`). Safe alongside appends and other
   * compactions on any node: false when another compaction won the race and nothing was written.
   */
  compact(document: string): Promise<boolean>;
  /**
   * The document is in use (a node has it open, or its last client just left): with an idle expiry, it is kept for
   * that long from now, as after an append. Without one, or for a document that has nothing stored, it does nothing.
   */
  retain(document: string): Promise<void>;
}

/** How long a document may stay idle before it is removed; undefined keeps documents for ever (the default). */
export interface CollabRetention {
  readonly idleExpiryMs?: number;
}

export const COLLAB_DOCUMENT_STORE = Symbol('PULSE_COLLAB_DOCUMENT_STORE');

export const COLLAB_RETENTION = Symbol('PULSE_COLLAB_RETENTION');
