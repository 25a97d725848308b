import { LuaScript, requireReady } from '@pulse/gateway';
import type { RedisClient } from '@pulse/gateway';
import type { TickerLease } from './ticker.lease';

/** The key of the price-source lease; its value is the holder's token. */
export const TICKER_LEASE_KEY = 'pulse:ticker:lease';

/** KEYS: lease. ARGV: token, ttlMs. Takes a free lease (SET NX PX) or renews this token's own; 1 when held. */
const ACQUIRE = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`);

/** KEYS: lease. ARGV: token. Deletes the lease only when this token holds it. */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** The lease shared by every node through Redis: `SET NX PX`, renewed by its holder, released on shutdown. */
export class RedisTickerLease implements TickerLease {
  constructor(
    private readonly redis: RedisClient,
    private readonly token: string,
    private readonly ttlMs: number,
    private readonly key = TICKER_LEASE_KEY,
  ) {}

  async acquire(): Promise<boolean> {
    requireReady(this.redis);
    return (await ACQUIRE.run(this.redis, [this.key], [this.token, this.ttlMs])) === 1;
  }

  async release(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    await RELEASE.run(this.redis, [this.key], [this.token]);
  }
}
