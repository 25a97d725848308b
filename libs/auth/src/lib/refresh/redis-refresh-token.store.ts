import { ServiceUnavailableException } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import {
  MAX_SIGN_INS_PER_USER,
  type RefreshSession,
  type RefreshTokenStore,
  type RotateOutcome,
} from './refresh-token-store';

/**
 * Every key of a user carries the hash tag `{u:ID}`, so they share one Redis Cluster slot and each script touches
 * one slot: `pulse:refresh:{u:ID}` is a hash of the user's sign-ins (`<id>` their JSON, `<id>:c` the current token's
 * digest, `<id>:e` when it expires), `pulse:refresh:{u:ID}:t:<digest>` names the sign-in of a token, current or
 * spent, for that token's lifetime.
 */
const signInsKey = (userId: string) => `pulse:refresh:{u:${userId}}`;
const tokenKey = (userId: string, digest: string) => `pulse:refresh:{u:${userId}}:t:${digest}`;

/** KEYS: sign-ins, token. ARGV: session id, digest, session JSON, ttl ms, now ms, most sign-ins. */
const START_LUA = `
local now = tonumber(ARGV[5])
local fields = redis.call('HGETALL', KEYS[1])
local live, idlest, idlestAt = 0, nil, nil
for i = 1, #fields, 2 do
  local field = fields[i]
  if string.sub(field, -2) == ':e' then
    local id = string.sub(field, 1, -3)
    local at = tonumber(fields[i + 1])
    if at <= now then
      redis.call('HDEL', KEYS[1], id, id .. ':c', id .. ':e')
    else
      live = live + 1
      if idlestAt == nil or at < idlestAt then idlest, idlestAt = id, at end
    end
  end
end
if live >= tonumber(ARGV[6]) then redis.call('HDEL', KEYS[1], idlest, idlest .. ':c', idlest .. ':e') end
local ttl = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[1] .. ':c', ARGV[2], ARGV[1] .. ':e', now + ttl)
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl)
return 1
`;

/**
 * KEYS: sign-ins, presented token, next token. ARGV: presented digest, next digest, ttl ms, now ms.
 * Returns {0} unknown, {1, session} rotated, {2, session} reused (and the sign-in is gone).
 */
const ROTATE_LUA = `
local id = redis.call('GET', KEYS[2])
if not id then return {0} end
local session = redis.call('HGET', KEYS[1], id)
local current = redis.call('HGET', KEYS[1], id .. ':c')
local expires = tonumber(redis.call('HGET', KEYS[1], id .. ':e') or '0')
local now = tonumber(ARGV[4])
if not session or not current or expires <= now then return {0} end
if current ~= ARGV[1] then
  redis.call('HDEL', KEYS[1], id, id .. ':c', id .. ':e')
  return {2, session}
end
local ttl = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], id .. ':c', ARGV[2], id .. ':e', now + ttl)
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
redis.call('SET', KEYS[3], id, 'PX', ttl)
return {1, session}
`;

/** KEYS: sign-ins, token. Returns 1 when a sign-in ended. */
const END_LUA = `
local id = redis.call('GET', KEYS[2])
if not id then return 0 end
return redis.call('HDEL', KEYS[1], id, id .. ':c', id .. ':e') > 0 and 1 or 0
`;

/** Sign-ins shared by every node. Each operation is one script on the user's slot. */
export class RedisRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly now: () => number = Date.now,
  ) {}

  async start(session: RefreshSession, digest: string, ttlMs: number): Promise<void> {
    this.requireReady();
    const userId = session.user.id;
    await this.redis.eval(
      START_LUA,
      2,
      signInsKey(userId),
      tokenKey(userId, digest),
      session.id,
      digest,
      JSON.stringify(session),
      ttlMs,
      this.now(),
      MAX_SIGN_INS_PER_USER,
    );
  }

  async rotate(userId: string, digest: string, nextDigest: string, ttlMs: number): Promise<RotateOutcome> {
    this.requireReady();
    const [code, raw] = (await this.redis.eval(
      ROTATE_LUA,
      3,
      signInsKey(userId),
      tokenKey(userId, digest),
      tokenKey(userId, nextDigest),
      digest,
      nextDigest,
      ttlMs,
      this.now(),
    )) as [number, string?];
    if (code === 0 || raw === undefined) return { kind: 'unknown' };
    const session = JSON.parse(raw) as RefreshSession;
    return code === 1 ? { kind: 'rotated', session } : { kind: 'reused', session };
  }

  async end(userId: string, digest: string): Promise<boolean> {
    this.requireReady();
    return (await this.redis.eval(END_LUA, 2, signInsKey(userId), tokenKey(userId, digest))) === 1;
  }

  async endAll(userId: string): Promise<void> {
    this.requireReady();
    await this.redis.del(signInsKey(userId));
  }

  /** A clear 503 instead of ioredis' queue error while Redis is away. */
  private requireReady(): void {
    if (this.redis.status !== 'ready')
      throw new ServiceUnavailableException('session store unavailable; retry shortly');
  }
}
