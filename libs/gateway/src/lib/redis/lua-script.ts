import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run by its SHA, loaded on first use and again after Redis forgets it (restart, flush). */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Lua that stamps an event with the room's next seq and publishes it, in the same atomic step as the state
 * change around it. Expects `seqKey`, `channel`, `publishCommand` (PUBLISH or SPUBLISH) as locals. The frame is
 * the encoded message up to `"seq":`, so the script only appends the number and the closing brace.
 */
export const SEQUENCE_AND_PUBLISH_LUA = `
local function sequenceAndPublish(framePrefix, exceptId)
  local seq = redis.call('INCR', seqKey)
  redis.call(publishCommand, channel, seq .. '\\n' .. exceptId .. '\\n' .. framePrefix .. seq .. '}')
  return seq
end
`;
