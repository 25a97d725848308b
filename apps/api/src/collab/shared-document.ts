import { Logger } from '@nestjs/common';
import type { BinaryConnection } from '@pulse/gateway';
import { CloseCode } from '@pulse/protocol';
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { CollabBus } from './collab-bus';
import type { CollabDocumentStore } from './collab-document.store';
import {
  awarenessEntriesOf,
  awarenessFrame,
  decodeCollabMessage,
  syncFrame,
  updateFrame,
  type AwarenessEntry,
} from './collab-message';
import type { CollabMetrics } from './collab.metrics';

/** A tail this long is merged into the snapshot in the background. */
export const COMPACT_AFTER_UPDATES = 100;

/** What a document needs from its node. */
export interface SharedDocumentContext {
  readonly store: CollabDocumentStore;
  readonly bus: CollabBus | null;
  readonly nodeId: string;
  readonly metrics: CollabMetrics;
  /** Told once the document closed (its last local client left, or it failed). */
  readonly closed: (document: SharedDocument) => void;
}

/** One local client of the document. */
interface Peer {
  readonly connection: BinaryConnection;
  readonly canWrite: boolean;
  /** The awareness client ids this connection announced (a browser tab has one; a reload gets a new one). */
  readonly clientIds: Set<number>;
}

const REMOTE = Symbol('remote node');
const STORED = Symbol('stored');

/**
 * A document open on this node while it has local clients: a `Y.Doc` loaded from the store and kept current by
 * the clients' updates and by other nodes' (over the bus), and an `Awareness` with every client's state, local or
 * remote. A client's update is applied, stored, and only then relayed to the other clients here and to the other
 * nodes. The doc's own `update` events give the part of each update that was new: only that is stored and sent on.
 */
export class SharedDocument {
  private readonly log = new Logger('Collab');
  private readonly doc = new Y.Doc();
  private readonly awareness = new Awareness(this.doc);
  private readonly peers = new Map<BinaryConnection, Peer>();
  /** Which local peer announced each awareness client id. */
  private readonly localOwners = new Map<number, Peer>();
  /** Which node announced each remote awareness client id, so that its states go when the node does. */
  private readonly remoteOwners = new Map<number, string>();
  private compacting = false;
  private appendedSinceCompaction = false;
  private open = true;
  readonly ready: Promise<void>;

  constructor(
    readonly name: string,
    private readonly context: SharedDocumentContext,
  ) {
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    this.ready = this.load();
    context.metrics.documentOpened();
  }

  /** Whether the document still serves clients (false once its last one left or it failed). */
  get isOpen(): boolean {
    return this.open;
  }

  /** Sends the new client the server's state vector and everyone's awareness, as y-websocket's server does. */
  join(connection: BinaryConnection, canWrite: boolean): void {
    this.peers.set(connection, { connection, canWrite, clientIds: new Set() });
    connection.sendBinary(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0)
      connection.sendBinary(awarenessFrame(encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Handles one frame of a client; frames of one client are handed in one at a time, in order. Never rejects. */
  async receive(connection: BinaryConnection, frame: Uint8Array, overBudget: boolean): Promise<void> {
    const peer = this.peers.get(connection);
    if (!peer || !this.open) return;
    const message = decodeCollabMessage(frame);
    switch (message.kind) {
      case 'invalid':
        this.context.metrics.refuse(message.reason);
        return connection.close(
          CloseCode.INVALID_DOCUMENT_MESSAGE,
          `not a valid y-protocols message (${message.reason})`,
        );
      case 'sync-step1':
        return connection.sendBinary(
          syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, this.doc, message.stateVector)),
        );
      case 'sync-step2':
      case 'sync-update':
        if (!peer.canWrite) return this.context.metrics.refuse('read-only');
        return this.update(peer, message.update);
      case 'awareness':
        // Cursors are the first thing to give up when a client sends too fast: the next state replaces this one.
        if (overBudget) return;
        return this.announce(peer, message.update, message.clients);
      case 'query-awareness':
        return connection.sendBinary(
          awarenessFrame(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])),
        );
    }
  }

  /** The client left: its awareness states go for everyone, and the document closes with its last client. */
  leave(connection: BinaryConnection): void {
    const peer = this.peers.get(connection);
    if (!peer) return;
    this.peers.delete(connection);
    for (const id of peer.clientIds) if (this.localOwners.get(id) === peer) this.localOwners.delete(id);
    this.removeStates([...peer.clientIds], true);
    if (this.peers.size === 0) this.close();
  }

  /** An update or awareness change from another node. */
  fromNode(kind: 'update' | 'awareness', from: string, payload: Uint8Array): void {
    if (!this.open) return;
    if (kind === 'update') return this.fromNodeUpdate(payload);
    const entries = awarenessEntriesOf(payload);
    if (!entries || entries.some((entry) => this.localOwners.has(entry.clientId))) return;
    applyAwarenessUpdate(this.awareness, payload, REMOTE);
    for (const entry of entries) {
      if (entry.removed) this.remoteOwners.delete(entry.clientId);
      else this.remoteOwners.set(entry.clientId, from);
    }
    this.relay(awarenessFrame(payload), null);
  }

  /** Another node asked who is here: it hears this node's clients' states. */
  answerAwarenessQuery(): void {
    const ids = [...this.localOwners.keys()].filter((id) => this.awareness.getStates().has(id));
    if (ids.length > 0) this.publish('awareness', encodeAwarenessUpdate(this.awareness, ids));
  }

  /** A node stopped or went silent: the states its clients announced go for everyone here. */
  nodeGone(nodeId: string): void {
    const ids = [...this.remoteOwners].filter(([, owner]) => owner === nodeId).map(([id]) => id);
    for (const id of ids) this.remoteOwners.delete(id);
    this.removeStates(ids, false);
  }

  /** Closes every local client (they reconnect and sync again) and forgets what is in memory. */
  fail(code: CloseCode, reason: string): void {
    for (const connection of [...this.peers.keys()]) connection.close(code, reason);
    this.peers.clear();
    this.close();
  }

  private async load(): Promise<void> {
    await this.context.bus?.subscribe(this.name);
    const updates = await this.context.store.load(this.name);
    for (const update of updates) {
      try {
        Y.applyUpdate(this.doc, update, STORED);
      } catch (error) {
        this.log.error(
          `document ${this.name}: a stored update does not apply (${error instanceof Error ? error.message : 'unknown error'})`,
        );
      }
    }
    await this.context.bus?.publish(this.name, { kind: 'query-awareness', from: this.context.nodeId });
  }

  private async update(peer: Peer, update: Uint8Array): Promise<void> {
    let news: Uint8Array | null;
    try {
      news = this.apply(update, peer.connection);
    } catch {
      this.context.metrics.refuse('update-failed');
      return peer.connection.close(CloseCode.INVALID_DOCUMENT_MESSAGE, 'the update does not apply');
    }
    if (!news) return;
    try {
      const tail = await this.context.store.append(this.name, news);
      this.context.metrics.stored.inc();
      this.appendedSinceCompaction = true;
      if (tail >= COMPACT_AFTER_UPDATES) this.compact();
    } catch (error) {
      // Applied here but not stored: nobody may see it acknowledged. Every client syncs again from the store.
      this.context.metrics.refuse('store-unavailable');
      this.log.warn(
        `document ${this.name}: an update could not be stored (${error instanceof Error ? error.message : 'unknown error'})`,
      );
      return this.fail(CloseCode.DOCUMENT_UNAVAILABLE, 'the document store is unavailable');
    }
    if (!this.open) return;
    this.relay(updateFrame(news), peer.connection);
    this.publish('update', news);
  }

  private fromNodeUpdate(payload: Uint8Array): void {
    let news: Uint8Array | null;
    try {
      news = this.apply(payload, REMOTE);
    } catch {
      return this.log.warn(`document ${this.name}: an update from another node does not apply`);
    }
    if (news) this.relay(updateFrame(news), null);
  }

  /** Applies an update and returns what of it was new to this document (null: nothing). */
  private apply(update: Uint8Array, origin: unknown): Uint8Array | null {
    const news: Uint8Array[] = [];
    const collect = (part: Uint8Array) => news.push(part);
    this.doc.on('update', collect);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.off('update', collect);
    }
    if (news.length === 0) return null;
    return news.length === 1 ? news[0] : Y.mergeUpdates(news);
  }

  /**
   * A client's awareness update. The stock provider echoes every state it hears (others' too), so only the entries
   * newer than what is known count, by y-protocols' own rule; an update with none is an echo and goes no further.
   * A newer state for an id another local connection announced is refused. One another node announced is taken over:
   * the client itself is connected here now (it moved from that node before the node said it left).
   */
  private announce(peer: Peer, update: Uint8Array, entries: readonly AwarenessEntry[]): void {
    const changes = entries.filter((entry) => this.isNewer(entry));
    if (changes.length === 0) return;
    const foreign = changes.some((entry) => {
      const owner = this.localOwners.get(entry.clientId);
      return owner !== undefined && owner !== peer;
    });
    if (foreign) return this.context.metrics.refuse('awareness-of-another-client');
    applyAwarenessUpdate(this.awareness, update, peer.connection);
    for (const entry of changes) {
      this.remoteOwners.delete(entry.clientId);
      if (entry.removed) {
        peer.clientIds.delete(entry.clientId);
        this.localOwners.delete(entry.clientId);
      } else {
        peer.clientIds.add(entry.clientId);
        this.localOwners.set(entry.clientId, peer);
      }
    }
    // Only what changed goes on. The sender hears its own state back, as from y-websocket's server: a lone client's
    // provider counts that renewal (every 15 s) as the sign of life without which it reconnects after 30 s.
    const changed = encodeAwarenessUpdate(
      this.awareness,
      changes.map((entry) => entry.clientId),
    );
    this.relay(awarenessFrame(changed), null);
    this.publish('awareness', changed);
  }

  /** Whether `applyAwarenessUpdate` would apply the entry (y-protocols' rule). */
  private isNewer(entry: AwarenessEntry): boolean {
    const known = this.awareness.meta.get(entry.clientId);
    if (known === undefined || known.clock < entry.clock) return true;
    return known.clock === entry.clock && entry.removed && this.awareness.getStates().has(entry.clientId);
  }

  /** Removes awareness states and tells the local clients (and, for this node's own clients, the other nodes). */
  private removeStates(ids: number[], local: boolean): void {
    const present = ids.filter((id) => this.awareness.getStates().has(id));
    if (present.length === 0) return;
    removeAwarenessStates(this.awareness, present, REMOTE);
    const update = encodeAwarenessUpdate(this.awareness, present);
    this.relay(awarenessFrame(update), null);
    if (local) this.publish('awareness', update);
  }

  private relay(frame: Uint8Array, except: BinaryConnection | null): void {
    for (const connection of this.peers.keys()) if (connection !== except) connection.sendBinary(frame);
  }

  private publish(kind: 'update' | 'awareness', payload: Uint8Array): void {
    this.context.bus
      ?.publish(this.name, { kind, from: this.context.nodeId, payload })
      .catch((error: Error) => {
        this.log.warn(`document ${this.name}: could not tell the other nodes (${error.message})`);
      });
  }

  private compact(): void {
    if (this.compacting) return;
    this.compacting = true;
    this.appendedSinceCompaction = false;
    this.context.store
      .compact(this.name)
      .then((done) => done && this.context.metrics.compactions.inc())
      .catch((error: Error) => this.log.warn(`document ${this.name}: compaction failed (${error.message})`))
      .finally(() => (this.compacting = false));
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    if (this.appendedSinceCompaction) this.compact();
    this.context.bus?.unsubscribe(this.name).catch(() => undefined);
    this.awareness.destroy();
    this.doc.destroy();
    this.context.metrics.documentClosed();
    this.context.closed(this);
  }
}
