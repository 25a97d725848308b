import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway-options';
import { fnv1a } from '../hashing/fnv1a';

/** The heartbeat visits one slice of the connections this often, so a round is spread over its interval. */
const SLICE_MS = 100;

/**
 * Pings every connection once per interval. A connection that showed no sign of life (pong or message) since
 * its previous ping is terminated, which takes its player offline through the normal close path.
 *
 * Connections are spread over slices by their id and one slice is visited every `SLICE_MS`: each connection is
 * still checked exactly once per interval, but 10,000 of them cost 10,000 pings spread over the interval instead
 * of one event-loop turn of ~100 ms that every message arriving meanwhile waits behind.
 */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly slices: Set<RealtimeConnection>[];
  private timer?: NodeJS.Timeout;
  private next = 0;
  private terminatedCount = 0;

  constructor(
    registry: ConnectionRegistry,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {
    const count = Math.max(1, Math.floor(options.heartbeatIntervalMs / SLICE_MS));
    this.slices = Array.from({ length: count }, () => new Set<RealtimeConnection>());
    registry.onOpen((connection) => this.sliceOf(connection).add(connection));
    registry.onClose((connection) => this.sliceOf(connection).delete(connection));
  }

  /** Connections terminated for silence since boot. */
  get terminated(): number {
    return this.terminatedCount;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => this.visitNextSlice(),
      this.options.heartbeatIntervalMs / this.slices.length,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Checks the connections of the next slice: a full turn of slices is one heartbeat interval. */
  visitNextSlice(): void {
    const slice = this.slices[this.next];
    this.next = (this.next + 1) % this.slices.length;
    for (const connection of slice) {
      if (connection.checkAlive()) continue;
      this.terminatedCount++;
      connection.terminate();
    }
  }

  private sliceOf(connection: RealtimeConnection): Set<RealtimeConnection> {
    // Connection ids are random, so slices fill evenly.
    return this.slices[fnv1a(connection.id) % this.slices.length];
  }
}
