import { encodeMessage, type ServerMessageOf } from '@pulse/protocol';
import {
  historyKeys,
  LuaScript,
  roomChannel,
  roomKey,
  requireReady,
  SEQUENCED_ROOM_LUA,
  sequencedRoomContext,
  whileReady,
  type HistoryLimits,
} from '@pulse/gateway';
import type { Redis } from 'ioredis';
import { byPlayerId, type GameRoomStore, type GameUser, type PresenceEntry } from './game-room.store';
import type { Player } from './game-room.state';
import { spawnPoint } from './spawn-point';

export interface RedisGameRoomStoreOptions {
  /** How long a connection counts as present without a refresh; bounds how long a dead node's players stay online. */
  presenceTtlMs: number;
  /** Publish with SPUBLISH (Redis Cluster sharded pub/sub). @default false */
  shardedPubSub: boolean;
  /** The clock presence expiry is measured with. @default Date.now */
  now?: () => number;
  /** Limits of each room's event log. */
  history: HistoryLimits;
}

/** Rooms that have presence entries, for the reaper. Not slot-bound: read and written outside scripts only. */
const PRESENCE_ROOMS = 'pulse:presence:rooms';

/**
 * KEYS: players, seq, channel, presence (zset conn -> expiry), presence users (hash user -> count),
 * conn-user (hash conn -> user), history (stream), epoch. All share the room's hash slot.
 */
function keysOf(room: string): string[] {
  const history = historyKeys(room);
  return [
    roomKey(room, 'game:players'),
    history.seq,
    roomChannel(room),
    roomKey(room, 'presence'),
    roomKey(room, 'presence:users'),
    roomKey(room, 'presence:conn-user'),
    history.history,
    history.epoch,
  ];
}

const PRELUDE = `
local playersKey, seqKey, channel, presenceKey, usersKey, connUserKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local historyKey, epochKey = KEYS[7], KEYS[8]
local ctx = cjson.decode(ARGV[1])
local room = ARGV[2]
${SEQUENCED_ROOM_LUA}
local function withSeqLast(fields)
  local json = cjson.encode(fields)
  return string.sub(json, 1, -2) .. ',"seq":'
end
local function offlineFrame(userId)
  return withSeqLast({type = 'presence', room = room, player = userId, status = 'offline'})
end
local function dropConnection(connId)
  if redis.call('ZREM', presenceKey, connId) == 0 then return 0 end
  local userId = redis.call('HGET', connUserKey, connId)
  redis.call('HDEL', connUserKey, connId)
  if not userId then return 0 end
  if redis.call('HINCRBY', usersKey, userId, -1) > 0 then return 0 end
  redis.call('HDEL', usersKey, userId)
  local raw = redis.call('HGET', playersKey, userId)
  if not raw then return 0 end
  local player = cjson.decode(raw)
  if not player.online then return 0 end
  player.online = false
  redis.call('HSET', playersKey, userId, cjson.encode(player))
  return sequenceAndPublish(offlineFrame(userId), connId)
end
`;

/** ARGV: context, room, userId, name, spawnX, spawnY, connId, expiresAt. Returns {seq, players, epoch}. */
const JOIN = new LuaScript(`${PRELUDE}
local userId, name, connId = ARGV[3], ARGV[4], ARGV[7]
if redis.call('ZADD', presenceKey, ARGV[8], connId) == 1 then
  redis.call('HSET', connUserKey, connId, userId)
  redis.call('HINCRBY', usersKey, userId, 1)
end
local raw = redis.call('HGET', playersKey, userId)
local player
if raw then player = cjson.decode(raw) else player = {id = userId, name = name, x = tonumber(ARGV[5]), y = tonumber(ARGV[6]), online = false} end
if not player.online then
  player.online = true
  player.name = name
  redis.call('HSET', playersKey, userId, cjson.encode(player))
  sequenceAndPublish(withSeqLast({type = 'presence', room = room, player = userId, status = 'online', name = name, x = player.x, y = player.y}), connId)
end
return {tonumber(redis.call('GET', seqKey) or '0'), redis.call('HVALS', playersKey), currentEpoch()}
`);

/** ARGV: context, room. Returns {seq, players, epoch}, read in one atomic step. */
const SNAPSHOT = new LuaScript(`${PRELUDE}
return {tonumber(redis.call('GET', seqKey) or '0'), redis.call('HVALS', playersKey), currentEpoch()}
`);

/** ARGV: context, room, connId. */
const LEAVE = new LuaScript(`${PRELUDE}
return dropConnection(ARGV[3])
`);

/** ARGV: context, room, userId, x, y, framePrefix, connId. Returns the seq, or -1 for an unknown player. */
const MOVE = new LuaScript(`${PRELUDE}
local raw = redis.call('HGET', playersKey, ARGV[3])
if not raw then return -1 end
local player = cjson.decode(raw)
player.x = tonumber(ARGV[4])
player.y = tonumber(ARGV[5])
redis.call('HSET', playersKey, ARGV[3], cjson.encode(player))
return sequenceAndPublish(ARGV[6], ARGV[7])
`);

/** ARGV: context, room, now. Takes offline up to 100 expired connections; returns how many were dropped. */
const REAP = new LuaScript(`${PRELUDE}
local expired = redis.call('ZRANGEBYSCORE', presenceKey, '-inf', ARGV[3], 'LIMIT', 0, 100)
for _, connId in ipairs(expired) do dropConnection(connId) end
return {#expired, redis.call('ZCARD', presenceKey)}
`);

function toSnapshot(room: string, self: string, result: unknown): ServerMessageOf<'snapshot'> {
  const [seq, rawPlayers, epoch] = result as [number, string[], string];
  const players = rawPlayers.map((raw) => JSON.parse(raw) as Player).sort(byPlayerId);
  return { type: 'snapshot', room, self, players, seq, epoch };
}

/**
 * Game state shared by every node through Redis. Each change is one Lua script: the state change, the next
 * `seq` and the publish happen atomically, so all nodes see events in `seq` order and snapshots match them.
 */
export class RedisGameRoomStore implements GameRoomStore {
  readonly presenceExpires = true;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisGameRoomStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async join(room: string, user: GameUser, connectionId: string): Promise<ServerMessageOf<'snapshot'>> {
    const spawn = spawnPoint(user.id);
    const expiresAt = this.now() + this.options.presenceTtlMs;
    const result = await this.run(JOIN, room, [user.id, user.name, spawn.x, spawn.y, connectionId, expiresAt]);
    await this.redis.sadd(PRESENCE_ROOMS, room);
    return toSnapshot(room, user.id, result);
  }

  async snapshot(room: string, self: string): Promise<ServerMessageOf<'snapshot'>> {
    return toSnapshot(room, self, await this.run(SNAPSHOT, room, []));
  }

  async leave(room: string, connectionId: string): Promise<void> {
    await this.run(LEAVE, room, [connectionId]);
  }

  async move(room: string, userId: string, x: number, y: number, connectionId: string): Promise<number | null> {
    const frame = encodeMessage({ type: 'move', room, player: userId, x, y, seq: 0 });
    const framePrefix = frame.slice(0, -2);
    const seq = (await this.run(MOVE, room, [userId, x, y, framePrefix, connectionId])) as number;
    return seq < 0 ? null : seq;
  }

  /** Runs a room script; a Redis that is not ready is reported as `StoreUnavailableError`. */
  private run(script: LuaScript, room: string, args: Array<string | number>): Promise<unknown> {
    return whileReady(this.redis, () => script.run(this.redis, keysOf(room), [sequencedRoomContext(this.options), room, ...args]));
  }

  async refresh(entries: readonly PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const expiresAt = this.now() + this.options.presenceTtlMs;
    const pipeline = this.redis.pipeline();
    for (const { room, connectionId } of entries) pipeline.zadd(roomKey(room, 'presence'), 'XX', expiresAt, connectionId);
    await pipeline.exec();
  }

  async reapExpired(): Promise<void> {
    const rooms = await this.redis.smembers(PRESENCE_ROOMS);
    const now = this.now();
    for (const room of rooms) {
      const [, remaining] = (await this.run(REAP, room, [now])) as [number, number];
      if (remaining === 0) await this.redis.srem(PRESENCE_ROOMS, room);
    }
  }

  /** Online users per room from the shared presence (a dead node's users count until the reaper takes them). */
  async onlineCounts(): Promise<Array<{ room: string; online: number }>> {
    requireReady(this.redis);
    const rooms = await this.redis.smembers(PRESENCE_ROOMS);
    if (rooms.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const room of rooms) pipeline.hlen(roomKey(room, 'presence:users'));
    const results = (await pipeline.exec()) ?? [];
    return rooms
      .map((room, i) => ({ room, online: Number(results[i]?.[1] ?? 0) }))
      .filter(({ online }) => online > 0);
  }
}
