import type { ErrorCode, ServerMessage, ServerMessageOf } from '@pulse/protocol';

/** Why a request failed: the server's error code, no answer in time, or the client was closed first. */
export type RequestFailureCode = ErrorCode | 'TIMEOUT' | 'CLOSED';

/** A request (a message with an `id`) that the server refused, did not answer in time, or never got to. */
export class PulseRequestError extends Error {
  override readonly name = 'PulseRequestError';

  constructor(
    readonly code: RequestFailureCode,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(ack: ServerMessageOf<'ack'>): void;
  reject(error: PulseRequestError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** A random prefix, so ids stay unique across tabs and reloads (the server remembers a user's ids for a while). */
function randomPrefix(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Requests waiting for their `ack` (or `error`) by id, each with a deadline. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private readonly prefix = randomPrefix();
  private counter = 0;

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.pending.size;
  }

  nextId(): string {
    return `${this.prefix}-${++this.counter}`;
  }

  /** Resolves with the request's `ack`; rejects with a `PulseRequestError`. */
  track(id: string): Promise<ServerMessageOf<'ack'>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new PulseRequestError('TIMEOUT', `no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  /** Settles the request a server `ack` or `error` names; other messages are ignored. */
  settle(message: ServerMessage): void {
    if (message.type !== 'ack' && message.type !== 'error') return;
    const pending = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!pending || message.id === undefined) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.type === 'ack') pending.resolve(message);
    else pending.reject(new PulseRequestError(message.code, message.message));
  }

  /** Fails every waiting request (the client was closed for good). */
  rejectAll(code: RequestFailureCode, message: string): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new PulseRequestError(code, message));
    }
    this.pending.clear();
  }
}
