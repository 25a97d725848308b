import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { NodeLiveness, type BinaryConnection } from '@pulse/gateway';
import { CloseCode } from '@pulse/protocol';
import { COLLAB_BUS, type CollabBus, type CollabBusMessage } from './collab-bus';
import {
  COLLAB_DOCUMENT_STORE,
  COLLAB_RETENTION,
  type CollabDocumentStore,
  type CollabRetention,
} from './collab-document.store';
import { CollabMetrics } from './collab.metrics';
import { SharedDocument } from './shared-document';

export const COLLAB_NODE_ID = Symbol('PULSE_COLLAB_NODE_ID');

/** With an idle expiry, how often the documents open here are retained: a third of it, at most once a minute. */
const RETAIN_MAX_INTERVAL_MS = 60_000;

/** One client's session with a document: its frames, in order, then its end. */
export interface DocumentSession {
  receive(frame: Uint8Array, overBudget: boolean): Promise<void>;
  leave(): void;
}

/**
 * The documents open on this node, one `SharedDocument` each, and what arrives for each open document. A node
 * that died is seen through the app's `NodeLiveness` (its record lapsed), so its cursors go within seconds; one
 * that stops cleanly says `leaving`.
 */
@Injectable()
export class CollabDocuments implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Collab');
  private readonly documents = new Map<string, SharedDocument>();
  private retainTimer?: NodeJS.Timeout;

  constructor(
    @Inject(COLLAB_DOCUMENT_STORE) private readonly store: CollabDocumentStore,
    @Inject(COLLAB_BUS) private readonly bus: CollabBus | null,
    @Inject(COLLAB_NODE_ID) private readonly nodeId: string,
    private readonly metrics: CollabMetrics,
    @Inject(COLLAB_RETENTION) private readonly retention: CollabRetention,
    liveness: NodeLiveness,
  ) {
    bus?.onMessage((document, message) => this.fromNode(document, message));
    liveness.onNodeGone((nodeId) => this.nodeGone(nodeId));
  }

  onApplicationBootstrap(): void {
    const { idleExpiryMs } = this.retention;
    if (idleExpiryMs === undefined) return;
    this.retainTimer = setInterval(
      () => this.retainOpen(),
      Math.min(RETAIN_MAX_INTERVAL_MS, Math.max(10, Math.floor(idleExpiryMs / 3))),
    );
    this.retainTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.retainTimer);
    await this.bus?.publish(null, { kind: 'leaving', from: this.nodeId }).catch(() => undefined);
  }

  /** Opens the document here if it is not (loading it from the store), and joins the client once it is loaded. */
  open(name: string, connection: BinaryConnection, canWrite: boolean): DocumentSession {
    let document = this.documents.get(name);
    if (!document?.isOpen) {
      const opened = new SharedDocument(name, {
        store: this.store,
        bus: this.bus,
        nodeId: this.nodeId,
        metrics: this.metrics,
        closed: (closed) => {
          if (this.documents.get(name) === closed) this.documents.delete(name);
          // Its idle time starts now, when its last client here left.
          this.retain(name);
        },
      });
      this.documents.set(name, opened);
      document = opened;
    }
    const joined = document.ready.then(
      () => {
        if (!connection.open) return false;
        if (!document.isOpen) return this.refuseUnavailable(connection);
        document.join(connection, canWrite);
        return true;
      },
      (error: Error) => {
        this.log.warn(`document ${name} could not be loaded (${error.message})`);
        document.fail(CloseCode.DOCUMENT_UNAVAILABLE, 'the document store is unavailable');
        return this.refuseUnavailable(connection);
      },
    );
    return {
      receive: async (frame, overBudget) => {
        if (await joined) await document.receive(connection, frame, overBudget);
      },
      leave: () => void joined.then((ok) => ok && document.leave(connection)),
    };
  }

  /** While a document is open on some node it is not idle, however long ago its last edit was. */
  private retainOpen(): void {
    for (const name of this.documents.keys()) this.retain(name);
  }

  private retain(name: string): void {
    if (this.retention.idleExpiryMs === undefined) return;
    this.store
      .retain(name)
      .catch((error: Error) => this.log.warn(`document ${name} could not be retained (${error.message})`));
  }

  private refuseUnavailable(connection: BinaryConnection): false {
    connection.close(CloseCode.DOCUMENT_UNAVAILABLE, 'the document store is unavailable');
    return false;
  }

  private fromNode(name: string | null, message: CollabBusMessage): void {
    if (message.kind === 'leaving') return this.nodeGone(message.from);
    if (name === null) return;
    const document = this.documents.get(name);
    if (!document) return;
    if (message.kind === 'update' || message.kind === 'awareness')
      document.fromNode(message.kind, message.from, message.payload);
    else if (message.kind === 'query-awareness') document.answerAwarenessQuery();
  }

  private nodeGone(nodeId: string): void {
    for (const document of this.documents.values()) document.nodeGone(nodeId);
  }
}
