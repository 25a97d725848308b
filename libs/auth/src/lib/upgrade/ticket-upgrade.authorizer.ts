import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import { TicketsService } from '../tickets/tickets.service';
import type { UpgradeAuthorizer, UpgradeDecision, UpgradeRequest } from './upgrade-decision';

/** Query parameters that carry long-lived credentials; only tickets may open a socket. */
const CREDENTIAL_PARAMS = ['token', 'access_token', 'jwt', 'authorization'];

/**
 * Decides an upgrade in this order: the browser origin (403), then credentials in the URL (401),
 * then the ticket (401). A ticket is burnt by the attempt whatever the outcome.
 */
@Injectable()
export class TicketUpgradeAuthorizer implements UpgradeAuthorizer {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly tickets: TicketsService,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.allowedOrigins = new Set(options.allowedOrigins);
  }

  async authorize(request: UpgradeRequest): Promise<UpgradeDecision> {
    const origin = request.headers.origin;
    if (origin !== undefined && this.allowedOrigins.size > 0 && !this.allowedOrigins.has(origin)) {
      return { ok: false, status: 403, reason: 'origin-not-allowed' };
    }
    const query = new URL(request.url ?? '/', 'http://upgrade.invalid').searchParams;
    if (CREDENTIAL_PARAMS.some((name) => query.has(name))) {
      return { ok: false, status: 401, reason: 'credential-in-url' };
    }
    const ticket = request.ticket ?? query.get('ticket');
    if (!ticket) return { ok: false, status: 401, reason: 'ticket-missing' };
    const grant = await this.tickets.redeem(ticket);
    if (!grant) return { ok: false, status: 401, reason: 'ticket-invalid' };
    if (grant.origin !== undefined && grant.origin !== origin) {
      return { ok: false, status: 401, reason: 'ticket-origin-mismatch' };
    }
    return { ok: true, user: grant.user };
  }
}
