import type { RedisClient } from '../redis/redis-target';
import { roomKey } from '../fanout/room-event';
import { LuaScript } from '../redis/lua-script';
import { requireReady } from '../redis/ready-redis';
import {
  completeReplay,
  type HistoryEntry,
  type HistoryLimits,
  type ReplayResult,
  type RoomHistory,
} from './room-history';

/** The keys `RedisSequencedRoom` writes a room's seq, log and epoch to. */
export function historyKeys(room: string): { seq: string; history: string; epoch: string } {
  return { seq: roomKey(room, 'seq'), history: roomKey(room, 'history'), epoch: roomKey(room, 'epoch') };
}

/** KEYS: seq, history, epoch. ARGV: afterSeq. Reads the epoch, the seq and the log after `afterSeq` in one step. */
const READ = new LuaScript(`
local epoch = redis.call('GET', KEYS[3])
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
if not epoch then return {'', seq, {}} end
return {epoch, seq, redis.call('XRANGE', KEYS[2], '(' .. ARGV[1] .. '-0', '+')}
`);

type StreamEntry = [id: string, fields: string[]];

/** Room logs in Redis streams (one per room, written by `RedisSequencedRoom`), shared by every node. */
export class RedisRoomHistory implements RoomHistory {
  constructor(
    private readonly redis: RedisClient,
    private readonly limits: HistoryLimits,
  ) {}

  async epoch(room: string): Promise<string> {
    requireReady(this.redis);
    return (await this.redis.get(historyKeys(room).epoch)) ?? '';
  }

  async read(room: string, afterSeq: number, epoch: string): Promise<ReplayResult> {
    requireReady(this.redis);
    const keys = historyKeys(room);
    const [currentEpoch, seq, raw] = (await READ.run(
      this.redis,
      [keys.seq, keys.history, keys.epoch],
      [afterSeq],
    )) as [string, number, StreamEntry[]];
    if (!currentEpoch || currentEpoch !== epoch) return { ok: false, reason: 'epoch-changed' };
    const oldest = Date.now() - this.limits.maxAgeMs;
    const entries: HistoryEntry[] = [];
    for (const [id, fields] of raw) {
      const field = (name: string) => fields[fields.indexOf(name) + 1];
      if (Number(field('t')) < oldest) continue;
      entries.push({ seq: Number(id.split('-')[0]), frame: field('f') });
    }
    return completeReplay(entries, afterSeq, seq);
  }
}
