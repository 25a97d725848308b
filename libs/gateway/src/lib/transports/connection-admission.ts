import { Inject, Injectable } from '@nestjs/common';
import { CloseCode } from '@pulse/protocol';
import { CAP_OPTIONS, type CapOptions } from '../caps/cap-options';
import { ConnectionCap } from '../caps/connection-cap';
import { attachConnection } from '../connection/connection-of';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { PulseMetrics } from '../metrics/pulse-metrics';
import { SessionExpiryService } from '../sessions/session-expiry.service';

/** A connection that closes with a handshake and is dropped when the peer does not finish it in time. */
interface GracefulClose {
  closeWithin(code: CloseCode, reason: string, graceMs: number): Promise<void>;
}

function closesGracefully(connection: RealtimeConnection): connection is RealtimeConnection & GracefulClose {
  return typeof (connection as Partial<GracefulClose>).closeWithin === 'function';
}

/**
 * Where every transport's connections enter and leave this node: an opened socket is admitted (the per-user cap
 * checked once more, the connection registered and its session expiry started) or closed with 4029, and a closed
 * one is counted by close code and released. At shutdown it closes them all.
 */
@Injectable()
export class ConnectionAdmission {
  private readonly cap: ConnectionCap;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly sessions: SessionExpiryService,
    private readonly metrics: PulseMetrics,
    @Inject(CAP_OPTIONS) caps: CapOptions,
  ) {
    this.cap = new ConnectionCap(registry, caps.maxConnectionsPerUser);
  }

  /**
   * False when the user is at the connection cap (concurrent upgrades all passed the gate's check; the ones past
   * it close). `socket` is what handlers see as the client (`connectionOf(client)` finds `connection`).
   */
  admit(socket: object, connection: RealtimeConnection, origin: string | undefined): boolean {
    if (this.cap.isFull(connection.user.id)) {
      connection.close(CloseCode.TOO_MANY_CONNECTIONS, this.cap.closeReason);
      return false;
    }
    attachConnection(socket, connection);
    this.registry.add(connection);
    this.sessions.start(connection, origin);
    return true;
  }

  /** The connection's socket closed with `code` (`pulse_closes_total{code}`); it leaves the registry. */
  released(connection: RealtimeConnection, code: number): void {
    this.metrics.closes.addTo(String(code));
    this.registry.remove(connection, code);
  }

  /**
   * Closes every connection of this node with `code`: a WebSocket with a closing handshake that is cut after
   * `graceMs`, any other at once. Resolves when the WebSockets are closed.
   */
  async closeAll(code: CloseCode, reason: string, graceMs: number): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const connection of [...this.registry.values()]) {
      if (closesGracefully(connection)) closing.push(connection.closeWithin(code, reason, graceMs));
      else connection.close(code, reason);
    }
    await Promise.all(closing);
  }
}
