import { Logger } from '@nestjs/common';
import type { AuthenticatedUser, UpgradeAuthorizer } from '@pulse/auth';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/** The gate's answer: the user the connection will carry, or the HTTP refusal to write instead of opening it. */
export type GateAnswer =
  | { readonly ok: true; readonly user: AuthenticatedUser }
  | {
      readonly ok: false;
      readonly status: 401 | 403 | 429 | 503;
      /** An `UpgradeRefusal`, `draining` or `auth-unavailable`: safe to log and to count, never a credential. */
      readonly reason: string;
      readonly headers: OutgoingHttpHeaders;
    };

export interface UpgradeGateOptions {
  /** Origin, ticket, connection caps and the per-address refusal budget (`ThrottledUpgradeAuthorizer`). */
  readonly authorizer: UpgradeAuthorizer;
  /** While the node drains, new connections are refused (503) so clients go to another node. */
  readonly isDraining: () => boolean;
  /** Told of each refusal's reason (`pulse_upgrades_refused_total{reason}`). */
  readonly refused: (reason: string) => void;
}

/**
 * The one decision in front of every new connection, native (`/ws` upgrade) or Socket.IO (the Engine.IO
 * handshake, polling or WebSocket): draining, then the authorizer with the request's URL (the ticket is its
 * `?ticket=`), `Origin`, `Host` and peer address. Every refusal is counted by reason and, except the 429s of an
 * address that keeps trying, logged with the reason and the peer address, never the URL.
 */
export class UpgradeGate {
  private readonly log = new Logger('Transports');

  constructor(private readonly options: UpgradeGateOptions) {}

  async decide(request: IncomingMessage): Promise<GateAnswer> {
    if (this.options.isDraining()) return this.refuse('draining', 503, { 'Retry-After': '1' });
    let decision;
    try {
      decision = await this.options.authorizer.authorize({
        url: request.url,
        headers: { origin: request.headers.origin, host: request.headers.host },
        remoteAddress: request.socket.remoteAddress,
        forwardedFor: request.headers['x-forwarded-for'],
      });
    } catch (error) {
      this.log.error(`upgrade check failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      return this.refuse('auth-unavailable', 503, {});
    }
    if (decision.ok) return decision;
    if (decision.status !== 429) {
      this.log.warn({
        msg: `upgrade refused (${decision.reason})`,
        reason: decision.reason,
        remoteAddress: request.socket.remoteAddress ?? 'unknown',
      });
    }
    const retry =
      decision.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(decision.retryAfterSeconds) };
    return this.refuse(decision.reason, decision.status, retry);
  }

  private refuse(reason: string, status: 401 | 403 | 429 | 503, headers: OutgoingHttpHeaders): GateAnswer {
    this.options.refused(reason);
    return { ok: false, status, reason, headers };
  }
}
