import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

export type RedisAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/**
 * The node's Redis connections: one for commands (fails fast while Redis is down instead of queueing, so
 * handlers answer at once) and one for subscriptions (ioredis restores them after a reconnect). State changes
 * are logged once per transition, never per command.
 */
export class RedisClients {
  readonly command: Redis;
  readonly subscriber: Redis;
  private readonly log = new Logger('Redis');
  private lastError = 'connecting';
  private wasReady = false;

  private readonly extra: Redis[] = [];
  private readonly recoveredListeners: Array<() => void> = [];
  private lost = false;

  constructor(private readonly url: string) {
    const retryStrategy = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 5000);
    this.command = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy, lazyConnect: true });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null, retryStrategy, lazyConnect: true });
    for (const client of [this.command, this.subscriber]) client.on('error', (error: Error) => (this.lastError = error.message));
    this.command.on('ready', () => {
      this.wasReady = true;
      if (!this.lost) return;
      this.lost = false;
      this.log.log('Redis is available again');
      for (const listener of this.recoveredListeners) listener();
    });
    this.command.on('close', () => {
      if (!this.wasReady || this.lost) return;
      this.lost = true;
      this.log.warn(`Redis connection lost (${this.lastError}); serving in degraded mode until it returns`);
    });
  }

  /** Connects both clients; resolves even when Redis is not reachable yet (the node then starts degraded). */
  async connect(timeoutMs = 5000): Promise<void> {
    const ready = Promise.all([this.command.connect(), this.subscriber.connect()]).then(() => undefined);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([ready.catch((error: Error) => this.log.warn(`Redis not reachable at boot: ${error.message}`)), timeout]);
  }

  /** Called each time Redis comes back after a loss (not at the first connect). */
  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  availability(): RedisAvailability {
    if (this.command.status === 'ready' && this.subscriber.status === 'ready') return { available: true };
    return { available: false, reason: `redis ${this.command.status}: ${this.lastError}` };
  }

  /** A further connection with ioredis defaults (for example for Socket.IO's Redis adapter); closed with the rest. */
  createClient(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: null });
    client.on('error', (error: Error) => (this.lastError = error.message));
    this.extra.push(client);
    return client;
  }

  /**
   * Quits every connection. One that is reconnecting gets a moment to come back first: disconnecting it would
   * reject the commands queued on it (Socket.IO's adapter, restored subscriptions) with nobody left to catch them.
   */
  async close(): Promise<void> {
    await Promise.all(
      [this.command, this.subscriber, ...this.extra].map(async (client) => {
        if (client.status !== 'ready') await readyWithin(client, 1000);
        if (client.status !== 'ready') return client.disconnect();
        await client.quit().catch(() => client.disconnect());
      }),
    );
  }

}

export const REDIS_CLIENTS = Symbol('PULSE_REDIS_CLIENTS');

function readyWithin(client: Redis, ms: number): Promise<void> {
  if (client.status === 'end' || client.status === 'wait') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once('ready', done);
    function done(): void {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}
