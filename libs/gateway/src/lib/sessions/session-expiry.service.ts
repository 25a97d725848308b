import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TicketUpgradeAuthorizer, type SessionRenewer, type TicketGrant } from '@pulse/auth';
import { CloseCode, ErrorCode } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import { logFieldsOf } from '../connection/log-fields';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { ProtocolException } from '../errors/protocol.exception';
import { DeadlineQueue } from './deadline-queue';
import { SESSION_OPTIONS, type SessionOptions } from './session-options';

interface Session {
  readonly origin?: string;
  expiresAt?: number;
  /** Asked to reauth and waiting for it: the next deadline closes the connection. */
  inGrace: boolean;
}

/**
 * A connection lives no longer than its identity. When the access token behind it expires the server sends
 * `reauth-required`; a `reauth` with a fresh ticket of the same user (from the same origin) extends it to the new
 * token's expiry, and without one it is closed with 4001 (`AUTH_EXPIRED`) once the grace period is over.
 * All deadlines share one timer (`DeadlineQueue`), so a connection costs no timer of its own.
 */
@Injectable()
export class SessionExpiryService implements OnApplicationShutdown {
  private readonly log = new Logger('Sessions');
  private readonly sessions = new Map<RealtimeConnection, Session>();
  private readonly deadlines = new DeadlineQueue<RealtimeConnection>((connection) =>
    this.onDeadline(connection),
  );
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
    const session: Session = {
      ...(origin === undefined ? {} : { origin }),
      expiresAt: connection.user.expiresAt,
      inGrace: false,
    };
    this.sessions.set(connection, session);
    this.schedule(connection, session);
  }

  /** When the connection's identity expires (ms since the epoch); undefined when it does not. */
  expiresAt(connection: RealtimeConnection): number | undefined {
    return this.sessions.get(connection)?.expiresAt;
  }

  /**
   * What a ticket minted for an open connection stands for: its user (with the expiry a `reauth` may have moved)
   * and the origin it was opened from. Undefined once the connection closed.
   */
  grantOf(connection: RealtimeConnection): TicketGrant | undefined {
    const session = this.sessions.get(connection);
    if (!session) return undefined;
    const { expiresAt: _opened, ...user } = connection.user;
    return {
      user: session.expiresAt === undefined ? user : { ...user, expiresAt: session.expiresAt },
      ...(session.origin === undefined ? {} : { origin: session.origin }),
    };
  }

  /** Extends the connection with a fresh ticket, or throws `FORBIDDEN` (the socket stays until its deadline). */
  async renew(connection: RealtimeConnection, ticket: string): Promise<void> {
    const session = this.sessions.get(connection);
    if (!session) throw new ProtocolException(ErrorCode.FORBIDDEN, 'reauth refused');
    const decision = await this.renewer.renew(ticket, {
      userId: connection.user.id,
      ...(session.origin === undefined ? {} : { origin: session.origin }),
    });
    if (!decision.ok) {
      this.log.warn({ msg: `reauth refused (${decision.reason})`, ...logFieldsOf(connection) });
      throw new ProtocolException(
        ErrorCode.FORBIDDEN,
        'reauth refused: the ticket is unknown, used, expired, or not for this connection',
      );
    }
    if (this.sessions.get(connection) !== session) return;
    session.expiresAt = decision.user.expiresAt;
    this.schedule(connection, session);
  }

  onApplicationShutdown(): void {
    this.deadlines.clear();
    this.sessions.clear();
  }

  private schedule(connection: RealtimeConnection, session: Session): void {
    session.inGrace = false;
    if (session.expiresAt === undefined) this.deadlines.delete(connection);
    else this.deadlines.set(connection, session.expiresAt);
  }

  /** The token expired: ask for reauth, and close at the end of the grace period unless it comes. */
  private onDeadline(connection: RealtimeConnection): void {
    const session = this.sessions.get(connection);
    if (!session) return;
    if (session.inGrace) {
      this.expiredCount++;
      connection.close(CloseCode.AUTH_EXPIRED, 'session expired');
      return;
    }
    connection.send({ type: 'reauth-required', deadlineMs: this.graceMs });
    session.inGrace = true;
    this.deadlines.set(connection, Date.now() + this.graceMs);
  }

  private end(connection: RealtimeConnection): void {
    if (!this.sessions.delete(connection)) return;
    this.deadlines.delete(connection);
  }
}
