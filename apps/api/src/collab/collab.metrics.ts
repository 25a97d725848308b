import { Injectable } from '@nestjs/common';
import { PulseMetrics } from '@pulse/gateway';
import { Counter, Gauge } from 'prom-client';

/** Why a client's frame or update was not applied (`pulse_collab_refused_total{reason}`). */
export type CollabRefusal =
  | 'read-only'
  | 'not-y-protocols'
  | 'truncated'
  | 'malformed-update'
  | 'malformed-awareness'
  | 'update-failed'
  | 'awareness-of-another-client'
  | 'store-unavailable';

/** The collaboration endpoint's figures, on the gateway's registry (`GET /metrics`). */
@Injectable()
export class CollabMetrics {
  readonly refused: Counter<'reason'>;
  readonly stored: Counter;
  readonly compactions: Counter;
  private openDocuments = 0;

  constructor(metrics: PulseMetrics) {
    const registers = [metrics.registry];
    this.refused = new Counter({
      name: 'pulse_collab_refused_total',
      help: 'Collaboration frames or updates not applied, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.stored = new Counter({
      name: 'pulse_collab_updates_stored_total',
      help: 'Document updates stored (each before it is relayed)',
      registers,
    });
    this.compactions = new Counter({
      name: 'pulse_collab_compactions_total',
      help: 'Document tails merged into their snapshot by this node',
      registers,
    });
    const documents = () => this.openDocuments;
    new Gauge({
      name: 'pulse_collab_documents_open',
      help: 'Documents open on this node (with local clients)',
      registers,
      collect() {
        this.set(documents());
      },
    });
  }

  refuse(reason: CollabRefusal): void {
    this.refused.inc({ reason });
  }

  documentOpened(): void {
    this.openDocuments++;
  }

  documentClosed(): void {
    this.openDocuments--;
  }
}
