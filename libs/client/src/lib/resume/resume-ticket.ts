import type { ServerMessageOf } from '@pulse/protocol';

/** A ticket this close to its expiry is not tried: it could run out on the way. */
const EXPIRY_MARGIN_MS = 1000;

/**
 * The latest `resume-ticket` the server sent, for the next connection attempt instead of `getTicket`. Single use:
 * `take` hands it out once (and forgets it), and nothing is handed out once it is about to expire.
 */
export class ResumeTicket {
  private held: { readonly ticket: string; readonly expiresAt: number } | undefined;

  /** Keeps the ticket of a `resume-ticket` received at `nowMs`, replacing any earlier one. */
  keep(message: ServerMessageOf<'resume-ticket'>, nowMs: number): void {
    this.held = { ticket: message.ticket, expiresAt: nowMs + message.expiresIn * 1000 };
  }

  /** The ticket, if one is held and still good at `nowMs`; it is forgotten either way. */
  take(nowMs: number): string | undefined {
    const held = this.held;
    this.held = undefined;
    return held && nowMs + EXPIRY_MARGIN_MS < held.expiresAt ? held.ticket : undefined;
  }

  forget(): void {
    this.held = undefined;
  }
}
