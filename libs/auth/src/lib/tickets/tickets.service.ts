import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import { randomToken } from '../random/random-token';
import { TICKET_STORE, type TicketGrant, type TicketStore } from './ticket-store';

/** 256 random bits, URL-safe. */
const TICKET_BYTES = 32;

export interface IssuedTicket {
  readonly ticket: string;
  readonly expiresIn: number;
}

@Injectable()
export class TicketsService {
  constructor(
    @Inject(TICKET_STORE) private readonly store: TicketStore,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** Mints a ticket for `grant`, good once within `ttlSeconds` (a socket ticket's lifetime unless told). */
  async issue(grant: TicketGrant, ttlSeconds = this.options.ticketTtlSeconds): Promise<IssuedTicket> {
    const ticket = randomToken(TICKET_BYTES);
    await this.store.save(digest(ticket), { ...grant, issuedAt: Date.now() }, ttlSeconds * 1000);
    return { ticket, expiresIn: ttlSeconds };
  }

  /** Makes a ticket unusable (a resume ticket replaced by a newer one). Unknown or used tickets are ignored. */
  async burn(ticket: string): Promise<void> {
    await this.store.redeem(digest(ticket));
  }

  /** Redeems a ticket once. Returns null when it is unknown, used or expired. */
  redeem(ticket: string): Promise<TicketGrant | null> {
    return this.store.redeem(digest(ticket));
  }
}

/** The store only sees digests, so a dump of it (or of Redis) holds no usable ticket. */
function digest(ticket: string): string {
  return createHash('sha256').update(ticket).digest('base64url');
}
