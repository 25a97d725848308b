import type { ServerMessageOf } from '@pulse/protocol';
import { boardOf } from './board-bounds';
import {
  fnv1a,
  historyKeys,
  isCluster,
  RedisRoomChange,
  RedisRoomScript,
  roomKey,
  requireReady,
  whileReady,
  type RedisClient,
  type RedisSequencedRoom,
} from '@pulse/gateway';
import { byPlayerId, type GameRoomStore, type GameUser, type PresenceEntry } from './game-room.store';
import type { Player } from './game-room.state';
import { spawnPoint } from './spawn-point';

export interface RedisGameRoomStoreOptions {
  /** How long a connection counts as present without a refresh; bounds how long a dead node's players stay online. */
  presenceTtlMs: number;
  /** The clock presence expiry is measured with. @default Date.now */
  now?: () => number;
  /** How long a snapshot keeps listing a player who left, who keeps their place if back within it. @default 600000 */
  playerRetentionMs?: number;
  /** This node's id (see `NodeLiveness`): its connections are listed under it, for the survivors if it dies. */
  nodeId?: string;
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

/** The game's keys in a room, as its scripts read them (`K.players`, ...). All share the room's hash slot. */
const GAME_KEYS = {
  players: 'game:players',
  presence: 'presence',
  users: 'presence:users',
  connUser: 'presence:conn-user',
};

/**
 * The game's Lua, run inside the room's sequencing script (see `RedisRoomScript`). `args[1]` is always the player
 * retention in ms; presence is a zset conn -> expiry, users a hash user -> connection count, connUser conn -> user.
 */
const GAME_LUA = `
local retentionMs = tonumber(args[1])
local function touchRoom() touch(K.players, K.presence, K.users, K.connUser) end
local function forgetLongGone()
  local oldest = nowMs() - retentionMs
  local entries = redis.call('HGETALL', K.players)
  for i = 1, #entries, 2 do
    local player = cjson.decode(entries[i + 1])
    if not player.online and (player.leftAt or 0) < oldest then redis.call('HDEL', K.players, entries[i]) end
  end
end
local function snapshot()
  local seq, epoch = position()
  return {seq, redis.call('HVALS', K.players), epoch}
end
local function dropConnection(connId)
  if redis.call('ZREM', K.presence, connId) == 0 then return 0 end
  local userId = redis.call('HGET', K.connUser, connId)
  redis.call('HDEL', K.connUser, connId)
  if not userId then return 0 end
  if redis.call('HINCRBY', K.users, userId, -1) > 0 then return 0 end
  redis.call('HDEL', K.users, userId)
  local raw = redis.call('HGET', K.players, userId)
  if not raw then return 0 end
  local player = cjson.decode(raw)
  if not player.online then return 0 end
  player.online = false
  player.leftAt = nowMs()
  redis.call('HSET', K.players, userId, cjson.encode(player))
  return (emit(sequencedFrameHead({type = 'presence', room = room, player = userId, status = 'offline'}), connId))
end
`;

const gameScript = (lua: string) => new RedisRoomScript({ keys: GAME_KEYS, lua: `${GAME_LUA}\n${lua}` });

/** args: retention, userId, name, spawnX, spawnY, connId, expiresAt. Returns {seq, players, epoch}. */
const JOIN = gameScript(`
local userId, name, connId = args[2], args[3], args[6]
forgetLongGone()
if redis.call('ZADD', K.presence, args[7], connId) == 1 then
  redis.call('HSET', K.connUser, connId, userId)
  redis.call('HINCRBY', K.users, userId, 1)
end
local raw = redis.call('HGET', K.players, userId)
local player
if raw then player = cjson.decode(raw) else player = {id = userId, name = name, x = tonumber(args[4]), y = tonumber(args[5]), online = false} end
if not player.online then
  player.online = true
  player.leftAt = nil
  player.name = name
  redis.call('HSET', K.players, userId, cjson.encode(player))
  emit(sequencedFrameHead({type = 'presence', room = room, player = userId, status = 'online', name = name, x = player.x, y = player.y}), connId)
end
touchRoom()
return snapshot()
`);

/** args: retention. Returns {seq, players, epoch}, read in one atomic step. */
const SNAPSHOT = gameScript(`
forgetLongGone()
return snapshot()
`);

/** args: retention, connId. */
const LEAVE = gameScript(`
touchRoom()
return dropConnection(args[2])
`);

/** args: retention, now. Takes offline up to 100 expired connections; returns {dropped, remaining}. */
const REAP = gameScript(`
local expired = redis.call('ZRANGEBYSCORE', K.presence, '-inf', args[2], 'LIMIT', 0, 100)
for _, connId in ipairs(expired) do dropConnection(connId) end
return {#expired, redis.call('ZCARD', K.presence)}
`);

/** The state change of a move (args: userId, x, y): an unknown player refuses it. */
const MOVE = new RedisRoomChange({
  keys: GAME_KEYS,
  before: `
local raw = redis.call('HGET', K.players, args[1])
if not raw then return false end
local player = cjson.decode(raw)
player.x = tonumber(args[2])
player.y = tonumber(args[3])
redis.call('HSET', K.players, args[1], cjson.encode(player))
touch(K.players, K.presence, K.users, K.connUser)
`,
});

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
 * Game state shared by every node through Redis. Each change is the game's Lua run inside the room's sequencing
 * script (`RedisSequencedRoom`): the state change, the next `seq`, the log and the publish happen atomically, so all
 * nodes see events in `seq` order and snapshots match them.
 */
export class RedisGameRoomStore implements GameRoomStore {
  readonly presenceExpires = true;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly sequenced: RedisSequencedRoom,
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
    return this.sequenced.append(
      room,
      { message: { type: 'move', room, player: userId, x, y }, except: connectionId },
      { redis: { change: MOVE, args: [userId, x, y] } },
    );
  }

  /** Runs a game script in the room; a Redis that is not ready is reported as `StoreUnavailableError`. */
  private run(script: RedisRoomScript, room: string, args: Array<string | number>): Promise<unknown> {
    const retentionMs = this.options.playerRetentionMs ?? DEFAULT_PLAYER_RETENTION_MS;
    return this.sequenced.run(script, room, [retentionMs, ...args]);
  }

  /**
   * Pushes back the presence expiry of this node's connections, and the idle expiry of their rooms. With a cluster,
   * one pipeline per room (its keys share one slot); with one Redis, one pipeline for all.
   */
  async refresh(entries: readonly PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const expiresAt = this.now() + this.options.presenceTtlMs;
    const idleMs = this.sequenced.idleMs;
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
  return [historyKeys(room).seq, ...Object.values(GAME_KEYS).map((suffix) => roomKey(room, suffix))];
}
