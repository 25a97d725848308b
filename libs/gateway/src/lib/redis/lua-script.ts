import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA. It is loaded once (`SCRIPT LOAD`) before the first run, and again after Redis
 * forgets it (restart, flush). Callers wait on one shared load and then send their EVALSHA in the order they
 * called `run`, so the order in which one connection's messages reach Redis is the order they were sent (a
 * per-call EVAL fallback would let a later call overtake one that is being retried).
 */
export class LuaScript {
  private readonly sha: string;
  private readonly loads = new WeakMap<Redis, Promise<void>>();

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    await this.loaded(redis);
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      this.loads.delete(redis);
      await this.loaded(redis);
      return redis.evalsha(this.sha, keys.length, ...keys, ...args);
    }
  }

  private loaded(redis: Redis): Promise<void> {
    let load = this.loads.get(redis);
    if (!load) {
      load = redis.script('LOAD', this.source).then(() => undefined);
      load.catch(() => this.loads.delete(redis));
      this.loads.set(redis, load);
    }
    return load;
  }
}

/**
 * What a room script needs to sequence its events, as one JSON argument (ARGV[1]): the publish command
 * (PUBLISH or SPUBLISH), an epoch to use if the room has none yet, and the history limits.
 */
export interface SequencedRoomContext {
  readonly publish: 'PUBLISH' | 'SPUBLISH';
  readonly epoch: string;
  readonly maxEvents: number;
  readonly maxAgeMs: number;
}

/** The `SequencedRoomContext` argument for one script call, with a fresh epoch for a room that has none. */
export function sequencedRoomContext(options: {
  readonly shardedPubSub: boolean;
  readonly history: { readonly maxEvents: number; readonly maxAgeMs: number };
}): string {
  const context: SequencedRoomContext = {
    publish: options.shardedPubSub ? 'SPUBLISH' : 'PUBLISH',
    epoch: randomUUID().slice(0, 8),
    maxEvents: options.history.maxEvents,
    maxAgeMs: options.history.maxAgeMs,
  };
  return JSON.stringify(context);
}

/**
 * Lua that stamps an event with the room's next seq, appends it to the room's log and publishes it, in the
 * same atomic step as the state change around it. Expects the locals `seqKey`, `channel`, `historyKey`,
 * `epochKey` and `ctx` (the decoded `SequencedRoomContext`). The frame is the encoded message up to `"seq":`,
 * so the script only appends the number and the closing brace.
 */
export const SEQUENCED_ROOM_LUA = `
local function currentEpoch()
  local epoch = redis.call('GET', epochKey)
  if not epoch then
    epoch = ctx.epoch
    redis.call('SET', epochKey, epoch, 'PX', ctx.maxAgeMs)
    redis.call('DEL', historyKey)
  end
  return epoch
end
local function sequenceAndPublish(framePrefix, exceptId)
  currentEpoch()
  local seq = redis.call('INCR', seqKey)
  local frame = framePrefix .. seq .. '}'
  local time = redis.call('TIME')
  local at = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local added = redis.pcall('XADD', historyKey, 'MAXLEN', '~', ctx.maxEvents, seq .. '-0', 'f', frame, 't', at)
  if type(added) == 'table' and added.err then
    redis.call('DEL', historyKey)
    redis.call('SET', epochKey, ctx.epoch)
    redis.call('XADD', historyKey, seq .. '-0', 'f', frame, 't', at)
  end
  redis.call('PEXPIRE', historyKey, ctx.maxAgeMs)
  redis.call('PEXPIRE', epochKey, ctx.maxAgeMs)
  redis.call(ctx.publish, channel, seq .. '\\n' .. exceptId .. '\\n' .. frame)
  return seq
end
`;
