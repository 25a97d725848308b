import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { TicketsService } from '@pulse/auth';
import { ConnectionRegistry } from '../connection/connection-registry';
import { logFieldsOf } from '../connection/log-fields';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { DrainService } from '../drain/drain.service';
import { DeadlineQueue } from './deadline-queue';
import { SessionExpiryService } from './session-expiry.service';
import { SESSION_OPTIONS, type SessionOptions } from './session-options';

/** A resume ticket shorter-lived than this is not worth sending: the connection's identity is about to expire. */
const MIN_TTL_SECONDS = 2;

const DONE: Promise<void> = Promise.resolve();

/**
 * Hands each connection a ticket to reconnect with, so a reconnect (a drained node, a dropped mobile link) goes
 * straight to the upgrade instead of through `POST /auth/ticket`. A `resume-ticket` follows each `snapshot` and
 * `resumed` and is replaced after half its lifetime; each new one burns the one before the previous, so a connection
 * has at most two good resume tickets: the latest, and the one before it in case the latest never reached the client
 * (it was sent as the socket closed). It is an ordinary ticket in the ticket store (single use, bound to the user and the
 * origin, minted now so a later revocation refuses it), living `resumeTicketTtlSeconds` but never past the
 * connection's own expiry. It stays good after the connection closes: that is when it is used.
 */
@Injectable()
export class ResumeTicketService implements OnApplicationShutdown {
  private readonly log = new Logger('ResumeTickets');
  /** The latest ticket sent to each connection, and the one before it. */
  private readonly current = new Map<
    RealtimeConnection,
    { readonly latest: string; readonly before?: string }
  >();
  /** Connections a ticket is being minted for, until it was sent (or failed). */
  private readonly minting = new Map<RealtimeConnection, Promise<void>>();
  private readonly refreshes = new DeadlineQueue<RealtimeConnection>((connection) => this.offer(connection));
  private readonly ttlSeconds: number;

  constructor(
    registry: ConnectionRegistry,
    @Inject(SESSION_OPTIONS) options: SessionOptions,
    private readonly tickets: TicketsService,
    private readonly sessions: SessionExpiryService,
    // Optional for a service made without a transport (tests of the joins that hand tickets out).
    @Optional() drain?: DrainService,
  ) {
    this.ttlSeconds = options.resumeTicketTtlSeconds;
    registry.onClose((connection) => this.end(connection));
    // A draining node's clients leave with a ticket minted just now: one a long storm does not outlive.
    drain?.beforeLeaving((connection) => this.offer(connection));
  }

  /** Connections holding a resume ticket right now. */
  get size(): number {
    return this.current.size;
  }

  /**
   * Mints a fresh resume ticket for an open connection and sends it. A call while one is being minted for the
   * same connection is folded into it (several joins at once get one ticket). Resolves once it was sent, or not.
   */
  offer(connection: RealtimeConnection): Promise<void> {
    if (this.ttlSeconds === 0) return DONE;
    const inFlight = this.minting.get(connection);
    if (inFlight) return inFlight;
    const grant = this.sessions.grantOf(connection);
    if (!grant) return DONE;
    const ttlSeconds =
      grant.user.expiresAt === undefined
        ? this.ttlSeconds
        : Math.min(this.ttlSeconds, Math.floor((grant.user.expiresAt - Date.now()) / 1000));
    if (ttlSeconds < MIN_TTL_SECONDS) return DONE;
    const minted = this.tickets.issue(grant, ttlSeconds).then(
      ({ ticket, expiresIn }) => {
        this.minting.delete(connection);
        if (!this.sessions.grantOf(connection)) return void this.tickets.burn(ticket).catch(() => undefined);
        const previous = this.current.get(connection);
        this.current.set(
          connection,
          previous ? { latest: ticket, before: previous.latest } : { latest: ticket },
        );
        if (previous?.before !== undefined) this.tickets.burn(previous.before).catch(() => undefined);
        connection.send({ type: 'resume-ticket', ticket, expiresIn });
        this.refreshes.set(connection, Date.now() + (expiresIn * 1000) / 2);
      },
      (error: unknown) => {
        // The store is away: the client keeps the ticket it has (or fetches one over HTTP); try again a bit later.
        this.minting.delete(connection);
        if (this.sessions.grantOf(connection))
          this.refreshes.set(connection, Date.now() + (this.ttlSeconds * 1000) / 4);
        this.log.warn({
          msg: `resume ticket not minted: ${error instanceof Error ? error.message : 'unknown error'}`,
          ...logFieldsOf(connection),
        });
      },
    );
    this.minting.set(connection, minted);
    return minted;
  }

  onApplicationShutdown(): void {
    this.refreshes.clear();
    this.current.clear();
    this.minting.clear();
  }

  private end(connection: RealtimeConnection): void {
    this.current.delete(connection);
    this.refreshes.delete(connection);
  }
}
