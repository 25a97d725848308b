import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import { RevocationList } from '../revocation/revocation-list';
import type { TicketGrant } from '../tickets/ticket-store';
import { TicketsService } from '../tickets/tickets.service';
import type { RenewalDecision, RenewedSession, SessionRenewer } from './session-renewal';
import type { UpgradeAuthorizer, UpgradeDecision, UpgradeRequest } from './upgrade-decision';

/**
 * Query parameters that carry long-lived credentials; only tickets may open a socket. Matched whatever their case
 * and separators (`Token`, `ACCESS_TOKEN`, `access-token`, `accessToken`), as servers and proxies down the line may.
 */
const CREDENTIAL_PARAMS: ReadonlySet<string> = new Set([
  'token',
  'accesstoken',
  'idtoken',
  'refreshtoken',
  'jwt',
  'authorization',
  'bearer',
]);

/** A query parameter's name as `CREDENTIAL_PARAMS` lists it: lower case, without `_`, `-` or `.`. */
function credentialParamKey(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '');
}

/**
 * Decides an upgrade in this order: the browser origin (403), then credentials in the URL (401),
 * then the ticket (401): unknown, used, expired, minted for another origin, or minted before its user was revoked.
 * A ticket is burnt by the attempt whatever the outcome. The same ticket check renews an open connection.
 */
@Injectable()
export class TicketUpgradeAuthorizer implements UpgradeAuthorizer, SessionRenewer {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly tickets: TicketsService,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
    private readonly revocations: RevocationList,
  ) {
    this.allowedOrigins = new Set(options.allowedOrigins);
  }

  async authorize(request: UpgradeRequest): Promise<UpgradeDecision> {
    const origin = request.headers.origin;
    if (origin !== undefined && this.allowedOrigins.size > 0 && !this.allowedOrigins.has(origin)) {
      return { ok: false, status: 403, reason: 'origin-not-allowed' };
    }
    const query = new URL(request.url ?? '/', 'http://upgrade.invalid').searchParams;
    if ([...query.keys()].some((name) => CREDENTIAL_PARAMS.has(credentialParamKey(name)))) {
      return { ok: false, status: 401, reason: 'credential-in-url' };
    }
    const ticket = request.ticket ?? query.get('ticket');
    if (!ticket) return { ok: false, status: 401, reason: 'ticket-missing' };
    const grant = await this.tickets.redeem(ticket);
    if (!grant) return { ok: false, status: 401, reason: 'ticket-invalid' };
    if (!originMatches(grant, origin, request.headers.host))
      return { ok: false, status: 401, reason: 'ticket-origin-mismatch' };
    if (await this.revocations.isRevoked(grant.user.id, grant.issuedAt))
      return { ok: false, status: 401, reason: 'user-revoked' };
    return { ok: true, user: grant.user };
  }

  /** Redeems a ticket sent over an open connection (`reauth`): same user, same origin, not revoked. */
  async renew(ticket: string, session: RenewedSession): Promise<RenewalDecision> {
    const grant = await this.tickets.redeem(ticket);
    if (!grant) return { ok: false, reason: 'ticket-invalid' };
    if (!originMatches(grant, session.origin)) return { ok: false, reason: 'ticket-origin-mismatch' };
    if (grant.user.id !== session.userId) return { ok: false, reason: 'user-mismatch' };
    if (await this.revocations.isRevoked(grant.user.id, grant.issuedAt))
      return { ok: false, reason: 'user-revoked' };
    return { ok: true, user: grant.user };
  }
}

/**
 * A ticket minted for a browser origin is good only from that origin. Browsers omit `Origin` on same-origin GETs
 * (Socket.IO's long-polling handshake), so a request without one matches when it is addressed to the ticket's
 * own host: a cross-site page cannot make a browser send that without an `Origin`.
 */
function originMatches(grant: TicketGrant, origin: string | undefined, host?: string): boolean {
  if (grant.origin === undefined || grant.origin === origin) return true;
  if (origin !== undefined || host === undefined) return false;
  try {
    return new URL(grant.origin).host === host;
  } catch {
    return false;
  }
}
