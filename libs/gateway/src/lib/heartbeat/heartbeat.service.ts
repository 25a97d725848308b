import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectionRegistry } from '../connection/connection-registry';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway-options';

/**
 * Pings every connection each interval. A connection that showed no sign of life (pong or message)
 * since the previous round is terminated, which takes its player offline through the normal close path.
 */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private terminatedCount = 0;

  constructor(
    private readonly registry: ConnectionRegistry,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  /** Connections terminated for silence since boot. */
  get terminated(): number {
    return this.terminatedCount;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.round(), this.options.heartbeatIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  round(): void {
    for (const connection of this.registry.values()) {
      if (connection.checkAlive()) continue;
      this.terminatedCount++;
      connection.terminate();
    }
  }
}
