import type { RedisClient } from '../redis/redis-target';
import { requireReady } from '../redis/ready-redis';
import {
  DEFAULT_PENDING_LEASE_MS,
  type Claim,
  type IdempotencyLimits,
  type IdempotencyStore,
} from './idempotency.store';

const PENDING = 'pending';

/**
 * Idempotency keys shared by every node: `SET NX PX` claims with a short lease (a claim whose node died mid-message
 * frees itself), and the value becomes the seq, kept for the whole window, once applied.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly limits: IdempotencyLimits,
  ) {}

  async claim(userId: string, id: string): Promise<Claim> {
    requireReady(this.redis);
    const key = keyOf(userId, id);
    const lease = Math.min(this.limits.pendingLeaseMs ?? DEFAULT_PENDING_LEASE_MS, this.limits.windowMs);
    const claimed = await this.redis.set(key, PENDING, 'PX', lease, 'NX');
    if (claimed === 'OK') return { state: 'new' };
    const value = await this.redis.get(key);
    if (value === null) return this.claim(userId, id);
    if (value === PENDING) return { state: 'pending' };
    return value === 'done' ? { state: 'done' } : { state: 'done', seq: Number(value) };
  }

  async complete(userId: string, id: string, seq: number | undefined): Promise<void> {
    requireReady(this.redis);
    await this.redis.set(
      keyOf(userId, id),
      seq === undefined ? 'done' : String(seq),
      'PX',
      this.limits.windowMs,
      'XX',
    );
  }

  async release(userId: string, id: string): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.del(keyOf(userId, id));
  }
}

function keyOf(userId: string, id: string): string {
  return `pulse:idem:{u:${userId}}:${id}`;
}
