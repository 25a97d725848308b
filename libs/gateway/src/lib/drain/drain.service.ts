import { Injectable, Logger } from '@nestjs/common';
import { CloseCode } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';

export interface DrainOptions {
  /** How long to wait for clients to leave before giving up on the stragglers. @default 10000 */
  readonly deadlineMs: number;
  /** Connections asked to leave at once. @default 200 */
  readonly batchSize: number;
  /** Pause between batches, so the surviving nodes are not hit by every client at once. @default 100 */
  readonly batchIntervalMs: number;
}

/** The longest a batch waits for its `beforeLeaving` hooks (a store that is away must not hold up the drain). */
const LEAVING_WAIT_MS = 1000;

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = {
  deadlineMs: 10_000,
  batchSize: 200,
  batchIntervalMs: 100,
};

/** The close reason of a drain: when to reconnect (a jittered delay), machine-readable. */
export function drainCloseReason(retryAfterMs: number): string {
  return `retry-after-ms=${retryAfterMs}`;
}

/**
 * Takes a node out of service without losing events: readiness goes 503 and new connections are refused, then
 * clients are asked, in batches, to reconnect elsewhere (close 1012 with a jittered `retry-after-ms` hint); a
 * client that resumes from its seq on another node misses nothing.
 */
@Injectable()
export class DrainService {
  private readonly log = new Logger('Drain');
  private drainingSince?: number;
  private handling = 0;
  private readonly leaving: ((connection: RealtimeConnection) => Promise<void>)[] = [];

  constructor(private readonly registry: ConnectionRegistry) {}

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Messages being handled right now; the drain waits for them, so none is left half-applied. */
  get inFlight(): number {
    return this.handling;
  }

  track(delta: 1 | -1): void {
    this.handling += delta;
  }

  /**
   * Runs for each connection of a batch before the batch is asked to leave (a fresh resume ticket for its way
   * back); a batch waits for it at most `LEAVING_WAIT_MS`.
   */
  beforeLeaving(hook: (connection: RealtimeConnection) => Promise<void>): void {
    this.leaving.push(hook);
  }

  async drain(
    options: DrainOptions = DEFAULT_DRAIN_OPTIONS,
    random: () => number = Math.random,
  ): Promise<void> {
    if (this.draining) return;
    this.drainingSince = Date.now();
    const connections = [...this.registry.values()];
    this.log.log(`draining ${connections.length} connection(s)`);
    const deadline = Date.now() + options.deadlineMs;
    const spreadMs = Math.max(
      1000,
      options.batchIntervalMs * Math.ceil(connections.length / options.batchSize) * 2,
    );
    let prepared = true;
    for (let start = 0; start < connections.length && Date.now() < deadline; start += options.batchSize) {
      const batch = connections.slice(start, start + options.batchSize);
      // A batch whose hooks ran out of time (a store that is away) means the rest leave without waiting for them.
      if (prepared) prepared = await this.prepareToLeave(batch, deadline);
      for (const connection of batch) {
        connection.close(CloseCode.SERVICE_RESTART, drainCloseReason(Math.round(random() * spreadMs)));
      }
      if (start + options.batchSize < connections.length) await delay(options.batchIntervalMs);
    }
    while ((this.registry.size > 0 || this.handling > 0) && Date.now() < deadline) await delay(20);
    if (this.registry.size > 0 || this.handling > 0) {
      this.log.warn(
        `${this.registry.size} connection(s) open and ${this.handling} message(s) in flight at the drain deadline`,
      );
    }
    for (const connection of [...this.registry.values()]) connection.terminate();
  }

  /** Runs the `beforeLeaving` hooks for a batch; false when they did not all finish in time. */
  private async prepareToLeave(batch: readonly RealtimeConnection[], deadline: number): Promise<boolean> {
    if (this.leaving.length === 0) return true;
    const ready = Promise.all(
      batch.flatMap((connection) => this.leaving.map((hook) => hook(connection).catch(() => undefined))),
    ).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const waitMs = Math.max(0, Math.min(LEAVING_WAIT_MS, deadline - Date.now()));
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    const inTime = await Promise.race([ready, late]);
    clearTimeout(timer);
    return inTime;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
