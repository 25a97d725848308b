/** What answering a `reauth-required` needs from the client. `link` numbers the connection that asked. */
export interface ReauthHooks {
  /** A fresh single-use ticket: the app's `getTicket`, which refreshes its access token as needed. */
  getTicket(): Promise<string>;
  /** True while `link` is the client's open connection; a ticket fetched for a link that is gone is not sent. */
  isCurrent(link: number): boolean;
  /** Sends `{"type":"reauth","ticket","id"}` on the open link; resolves with its `ack`, rejects with its `error`. */
  sendReauth(ticket: string): Promise<unknown>;
  /** The ticket could not be fetched, or the server refused it (the server closes with 4001 at its deadline). */
  onError(error: unknown): void;
}

/**
 * Answers the server's `reauth-required`: fetches a fresh ticket and sends it as `reauth` on the same connection, so
 * a socket outlives the access token it was opened with. One answer per connection at a time; a repeated request
 * while one is under way is the same request. Failures are reported, never thrown.
 */
export class Reauthenticator {
  private answering: number | undefined;

  constructor(private readonly hooks: ReauthHooks) {}

  /** Answers a `reauth-required` that arrived on `link`; resolves once the answer is settled either way. */
  async answer(link: number): Promise<void> {
    if (this.answering === link) return;
    this.answering = link;
    try {
      const ticket = await this.hooks.getTicket();
      if (!this.hooks.isCurrent(link)) return;
      await this.hooks.sendReauth(ticket);
    } catch (error) {
      if (this.hooks.isCurrent(link)) this.hooks.onError(error);
    } finally {
      if (this.answering === link) this.answering = undefined;
    }
  }
}
