import { encodeMessage, type ServerMessageOf } from '@pulse/protocol';
import { boardOf } from './board-bounds';
import {
  fnv1a,
  historyKeys,
  isCluster,
  LuaScript,
  roomChannel,
  roomKey,
  requireReady,
  SEQUENCED_ROOM_LUA,
  sequencedRoomContext,
  whileReady,
  type HistoryLimits,
  DEFAULT_ROOM_IDLE_EXPIRY_MS,
} from '@pulse/gateway';
import type { RedisClient, ReplicaAcks } from '@pulse/gateway';
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
  /** Limits of each room's event log, and how long an idle room's keys live. */
  history: HistoryLimits;
  /** How long a snapshot keeps listing a player who left, who keeps their place if back within it. @default 600000 */
  playerRetentionMs?: number;
  /** This node's id (see `NodeLiveness`): its connections are listed under it, for the survivors if it dies. */
  nodeId?: string;
  /** Replicas an event waits for before it is acknowledged (`RedisClients.replicaAcks`). @default none */
  replicaAcks?: ReplicaAcks;
}

/** A node's presence entries (`room\nconnection`), in the node's own slot. */
export function nodePresenceKey(nodeId: string): string {
  return `pulse:node:{n:${nodeId}}:presence`;
}

/**
 * The rooms that have presence entries, for the reaper and the lobby, spread over buckets that each have a slot of
 * their own (so a cluster spreads them over its shards). Read and written outside scripts only, one key a command.
 */
const PRESENCE_ROOM_BUCKETS = 16;

export function presenceRoomsKey(bucket: number): string {
  return `pulse:presence:rooms:{b${bucket}}`;
}

function presenceRoomsKeyOf(room: string): string {
  return presenceRoomsKey(fnv1a(room) % PRESENCE_ROOM_BUCKETS);
}

export const DEFAULT_PLAYER_RETENTION_MS = 600_000;

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
local function nowMs()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function touchRoom()
  for _, key in ipairs({playersKey, presenceKey, usersKey, connUserKey}) do redis.call('PEXPIRE', key, ctx.idleMs) end
end
local function forgetLongGone()
  local oldest = nowMs() - ctx.retentionMs
  local entries = redis.call('HGETALL', playersKey)
  for i = 1, #entries, 2 do
    local player = cjson.decode(entries[i + 1])
    if not player.online and (player.leftAt or 0) < oldest then redis.call('HDEL', playersKey, entries[i]) end
  end
end
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
  player.leftAt = nowMs()
  redis.call('HSET', playersKey, userId, cjson.encode(player))
  return sequenceAndPublish(offlineFrame(userId), connId)
end
`;

/** ARGV: context, room, userId, name, spawnX, spawnY, connId, expiresAt. Returns {seq, players, epoch}. */
const JOIN = new LuaScript(`${PRELUDE}
local userId, name, connId = ARGV[3], ARGV[4], ARGV[7]
forgetLongGone()
if redis.call('ZADD', presenceKey, ARGV[8], connId) == 1 then
  redis.call('HSET', connUserKey, connId, userId)
  redis.call('HINCRBY', usersKey, userId, 1)
end
local raw = redis.call('HGET', playersKey, userId)
local player
if raw then player = cjson.decode(raw) else player = {id = userId, name = name, x = tonumber(ARGV[5]), y = tonumber(ARGV[6]), online = false} end
if not player.online then
  player.online = true
  player.leftAt = nil
  player.name = name
  redis.call('HSET', playersKey, userId, cjson.encode(player))
  sequenceAndPublish(withSeqLast({type = 'presence', room = room, player = userId, status = 'online', name = name, x = player.x, y = player.y}), connId)
end
touchRoom()
return {tonumber(redis.call('GET', seqKey) or '0'), redis.call('HVALS', playersKey), currentEpoch()}
`);

/** ARGV: context, room. Returns {seq, players, epoch}, read in one atomic step. */
const SNAPSHOT = new LuaScript(`${PRELUDE}
forgetLongGone()
return {tonumber(redis.call('GET', seqKey) or '0'), redis.call('HVALS', playersKey), currentEpoch()}
`);

/** ARGV: context, room, connId. */
const LEAVE = new LuaScript(`${PRELUDE}
touchRoom()
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
touchRoom()
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
  const players = rawPlayers
    .map((raw) => withoutLeftAt(JSON.parse(raw) as Player & { leftAt?: number }))
    .sort(byPlayerId);
  return { type: 'snapshot', room, self, players, seq, epoch, board: boardOf() };
}

function withoutLeftAt({ leftAt: _leftAt, ...player }: Player & { leftAt?: number }): Player {
  return player;
}

/**
 * Game state shared by every node through Redis. Each change is one Lua script: the state change, the next
 * `seq` and the publish happen atomically, so all nodes see events in `seq` order and snapshots match them.
 */
export class RedisGameRoomStore implements GameRoomStore {
  readonly presenceExpires = true;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisGameRoomStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async join(room: string, user: GameUser, connectionId: string): Promise<ServerMessageOf<'snapshot'>> {
    const spawn = spawnPoint(user.id);
    const expiresAt = this.now() + this.options.presenceTtlMs;
    const result = await this.run(JOIN, room, [
      user.id,
      user.name,
      spawn.x,
      spawn.y,
      connectionId,
      expiresAt,
    ]);
    await this.redis.sadd(presenceRoomsKeyOf(room), room);
    if (this.options.nodeId)
      await this.redis.sadd(nodePresenceKey(this.options.nodeId), `${room}\n${connectionId}`);
    return toSnapshot(room, user.id, result);
  }

  async snapshot(room: string, self: string): Promise<ServerMessageOf<'snapshot'>> {
    return toSnapshot(room, self, await this.run(SNAPSHOT, room, []));
  }

  async leave(room: string, connectionId: string): Promise<void> {
    await this.run(LEAVE, room, [connectionId]);
    if (this.options.nodeId)
      await this.redis.srem(nodePresenceKey(this.options.nodeId), `${room}\n${connectionId}`);
  }

  async takeOfflineNode(nodeId: string): Promise<void> {
    const key = nodePresenceKey(nodeId);
    const entries = await whileReady(this.redis, () => this.redis.smembers(key));
    for (const entry of entries) {
      const [room = '', connectionId = ''] = entry.split('\n');
      await this.run(LEAVE, room, [connectionId]);
    }
    await this.redis.del(key);
  }

  async move(
    room: string,
    userId: string,
    x: number,
    y: number,
    connectionId: string,
  ): Promise<number | null> {
    const frame = encodeMessage({ type: 'move', room, player: userId, x, y, seq: 0 });
    const framePrefix = frame.slice(0, -2);
    const seq = (await this.run(MOVE, room, [userId, x, y, framePrefix, connectionId])) as number;
    return seq < 0 ? null : seq;
  }

  /** Runs a room script; a Redis that is not ready is reported as `StoreUnavailableError`. */
  private run(script: LuaScript, room: string, args: Array<string | number>): Promise<unknown> {
    const context = sequencedRoomContext({
      ...this.options,
      extra: { retentionMs: this.options.playerRetentionMs ?? DEFAULT_PLAYER_RETENTION_MS },
    });
    return whileReady(this.redis, () =>
      script.run(this.redis, keysOf(room), [context, room, ...args], this.options.replicaAcks),
    );
  }

  /**
   * Pushes back the presence expiry of this node's connections, and the idle expiry of their rooms. With a cluster,
   * one pipeline per room (its keys share one slot); with one Redis, one pipeline for all.
   */
  async refresh(entries: readonly PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const expiresAt = this.now() + this.options.presenceTtlMs;
    const idleMs = this.options.history.roomIdleExpiryMs ?? DEFAULT_ROOM_IDLE_EXPIRY_MS;
    const byRoom = new Map<string, string[]>();
    for (const { room, connectionId } of entries)
      byRoom.set(room, [...(byRoom.get(room) ?? []), connectionId]);
    const shared = isCluster(this.redis) ? null : this.redis.pipeline();
    const pipelines = [];
    for (const [room, connections] of byRoom) {
      const pipeline = shared ?? this.redis.pipeline();
      for (const connectionId of connections)
        pipeline.zadd(roomKey(room, 'presence'), 'XX', expiresAt, connectionId);
      for (const key of idleKeysOf(room)) pipeline.pexpire(key, idleMs);
      if (!shared) pipelines.push(pipeline);
    }
    if (shared) pipelines.push(shared);
    if (this.options.nodeId)
      pipelines.push(this.redis.pipeline().pexpire(nodePresenceKey(this.options.nodeId), idleMs));
    await Promise.all(pipelines.map((pipeline) => pipeline.exec()));
  }

  async reapExpired(): Promise<void> {
    const now = this.now();
    for (let bucket = 0; bucket < PRESENCE_ROOM_BUCKETS; bucket++) {
      const rooms = await this.redis.smembers(presenceRoomsKey(bucket));
      for (const room of rooms) {
        const [, remaining] = (await this.run(REAP, room, [now])) as [number, number];
        if (remaining === 0) await this.redis.srem(presenceRoomsKey(bucket), room);
      }
    }
  }

  /** Online users per room from the shared presence (a dead node's users count until the reaper takes them). */
  async onlineCounts(): Promise<Array<{ room: string; online: number }>> {
    requireReady(this.redis);
    const buckets = await Promise.all(
      Array.from({ length: PRESENCE_ROOM_BUCKETS }, (_, bucket) =>
        this.redis.smembers(presenceRoomsKey(bucket)),
      ),
    );
    const rooms = buckets.flat();
    const counts = await Promise.all(rooms.map((room) => this.redis.hlen(roomKey(room, 'presence:users'))));
    return rooms.map((room, i) => ({ room, online: counts[i] ?? 0 })).filter(({ online }) => online > 0);
  }
}

/** The keys of a room that live as long as it has members or events (the history keys expire on their own). */
function idleKeysOf(room: string): string[] {
  return [
    roomKey(room, 'game:players'),
    historyKeys(room).seq,
    roomKey(room, 'presence'),
    roomKey(room, 'presence:users'),
    roomKey(room, 'presence:conn-user'),
  ];
}
