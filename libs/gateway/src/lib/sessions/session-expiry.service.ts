import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TicketUpgradeAuthorizer, type SessionRenewer } from '@pulse/auth';
import { CloseCode, ErrorCode } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import { logFieldsOf } from '../connection/log-fields';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { ProtocolException } from '../errors/protocol.exception';
import { SESSION_OPTIONS, type SessionOptions } from './session-options';

interface Session {
  readonly origin?: string;
  expiresAt?: number;
  timer?: NodeJS.Timeout;
}

/** setTimeout's longest delay; later expiries are reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A connection lives no longer than its identity. When the access token behind it expires the server sends
 * `reauth-required`; a `reauth` with a fresh ticket of the same user (from the same origin) extends it to the new
 * token's expiry, and without one it is closed with 4001 (`AUTH_EXPIRED`) once the grace period is over.
 */
@Injectable()
export class SessionExpiryService implements OnApplicationShutdown {
  private readonly log = new Logger('Sessions');
  private readonly sessions = new Map<RealtimeConnection, Session>();
  private readonly graceMs: number;
  private expiredCount = 0;

  constructor(
    registry: ConnectionRegistry,
    @Inject(SESSION_OPTIONS) options: SessionOptions,
    @Inject(TicketUpgradeAuthorizer) private readonly renewer: SessionRenewer,
  ) {
    this.graceMs = options.reauthGraceSeconds * 1000;
    registry.onClose((connection) => this.end(connection));
  }

  /** Connections closed because their identity expired, since boot. */
  get expired(): number {
    return this.expiredCount;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Starts watching a new connection's expiry. `origin` is the browser origin it was opened from. */
  start(connection: RealtimeConnection, origin?: string): void {
    const session: Session = { ...(origin === undefined ? {} : { origin }), expiresAt: connection.user.expiresAt };
    this.sessions.set(connection, session);
    this.schedule(connection, session);
  }

  /** When the connection's identity expires (ms since the epoch); undefined when it does not. */
  expiresAt(connection: RealtimeConnection): number | undefined {
    return this.sessions.get(connection)?.expiresAt;
  }

  /** Extends the connection with a fresh ticket, or throws `FORBIDDEN` (the socket stays until its deadline). */
  async renew(connection: RealtimeConnection, ticket: string): Promise<void> {
    const session = this.sessions.get(connection);
    if (!session) throw new ProtocolException(ErrorCode.FORBIDDEN, 'reauth refused');
    const decision = await this.renewer.renew(ticket, { userId: connection.user.id, ...(session.origin === undefined ? {} : { origin: session.origin }) });
    if (!decision.ok) {
      this.log.warn({ msg: `reauth refused (${decision.reason})`, ...logFieldsOf(connection) });
      throw new ProtocolException(ErrorCode.FORBIDDEN, 'reauth refused: the ticket is unknown, used, expired, or not for this connection');
    }
    if (this.sessions.get(connection) !== session) return;
    session.expiresAt = decision.user.expiresAt;
    this.schedule(connection, session);
  }

  onApplicationShutdown(): void {
    for (const session of this.sessions.values()) clearTimeout(session.timer);
    this.sessions.clear();
  }

  private schedule(connection: RealtimeConnection, session: Session): void {
    clearTimeout(session.timer);
    session.timer = undefined;
    if (session.expiresAt === undefined) return;
    const delay = Math.max(0, session.expiresAt - Date.now());
    session.timer =
      delay > MAX_TIMER_MS
        ? setTimeout(() => this.schedule(connection, session), MAX_TIMER_MS)
        : setTimeout(() => this.requireReauth(connection, session), delay);
    session.timer.unref();
  }

  private requireReauth(connection: RealtimeConnection, session: Session): void {
    connection.send({ type: 'reauth-required', deadlineMs: this.graceMs });
    session.timer = setTimeout(() => {
      this.expiredCount++;
      connection.close(CloseCode.AUTH_EXPIRED, 'session expired');
    }, this.graceMs);
    session.timer.unref();
  }

  private end(connection: RealtimeConnection): void {
    const session = this.sessions.get(connection);
    if (!session) return;
    clearTimeout(session.timer);
    this.sessions.delete(connection);
  }
}
