import { ServiceUnavailableException } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import type { RevocationStore } from './revocation-store';

/** A user's revocation key, in the user's own hash slot (`{u:ID}`) like every per-user key. */
export function revocationKey(userId: string): string {
  return `pulse:revoked:{u:${userId}}`;
}

/** Keeps the later of two revocation times, and the TTL of the latest write. */
const REVOKE_LUA = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = tonumber(ARGV[1])
if current > at then at = current end
redis.call('SET', KEYS[1], at, 'PX', ARGV[2])
return at
`;

/** Revocations shared by every node, one key per user with a TTL. */
export class RedisRevocationStore implements RevocationStore {
  constructor(private readonly redis: Redis | Cluster) {}

  async revoke(userId: string, atMs: number, ttlMs: number): Promise<void> {
    this.requireReady();
    await this.redis.eval(REVOKE_LUA, 1, revocationKey(userId), atMs, ttlMs);
  }

  async revokedAt(userId: string): Promise<number | null> {
    this.requireReady();
    const raw = await this.redis.get(revocationKey(userId));
    return raw === null ? null : Number(raw);
  }

  /** A clear 503 instead of ioredis' queue error while Redis is away. */
  private requireReady(): void {
    if (this.redis.status !== 'ready')
      throw new ServiceUnavailableException('revocation store unavailable; retry shortly');
  }
}
