import { ServiceUnavailableException } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import type { TicketGrant, TicketStore } from './ticket-store';

const PREFIX = 'pulse:ticket:';

/**
 * Tickets shared by every node: `SET PX` to save, `GETDEL` to redeem, so a ticket minted on one node is
 * redeemable once on any node (Redis >= 6.2).
 */
export class RedisTicketStore implements TicketStore {
  constructor(private readonly redis: Redis | Cluster) {}

  async save(key: string, grant: TicketGrant, ttlMs: number): Promise<void> {
    this.requireReady();
    await this.redis.set(PREFIX + key, JSON.stringify(grant), 'PX', ttlMs);
  }

  async redeem(key: string): Promise<TicketGrant | null> {
    this.requireReady();
    const raw = await this.redis.getdel(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as TicketGrant);
  }

  /** A clear 503 instead of ioredis' queue error while Redis is away. */
  private requireReady(): void {
    if (this.redis.status !== 'ready')
      throw new ServiceUnavailableException('ticket store unavailable; retry shortly');
  }
}
