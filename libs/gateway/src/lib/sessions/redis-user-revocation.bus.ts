import { Logger } from '@nestjs/common';
import type { RedisClient } from '../redis/redis-target';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import type { RevokedHandler, UserRevocationBus } from './user-revocation.bus';

export const REVOCATION_CHANNEL = 'pulse:revocations';

/**
 * Revocations over Redis pub/sub, one channel for all nodes. Shares the node's subscriber connection with the room
 * bus (each ignores the other's channels); ioredis restores the subscription after a reconnect.
 */
export class RedisUserRevocationBus implements UserRevocationBus {
  private readonly log = new Logger('RedisUserRevocationBus');
  private handler: RevokedHandler = () => undefined;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
  ) {
    subscriber.on('message', (channel: string, userId: string) => {
      if (channel === REVOCATION_CHANNEL) this.handler(userId);
    });
  }

  /** Subscribes; while Redis is away at boot it does so in the background, once Redis is back. */
  async start(): Promise<void> {
    const subscribed = this.subscriber.subscribe(REVOCATION_CHANNEL);
    if (this.subscriber.status === 'ready') await subscribed;
    else
      subscribed.catch((error: Error) => this.log.warn(`subscribe ${REVOCATION_CHANNEL}: ${error.message}`));
  }

  onRevoked(handler: RevokedHandler): void {
    this.handler = handler;
  }

  async publish(userId: string): Promise<void> {
    if (this.publisher.status !== 'ready') throw new StoreUnavailableError(`redis ${this.publisher.status}`);
    await this.publisher.publish(REVOCATION_CHANNEL, userId);
  }
}
