import { randomUUID } from 'node:crypto';
import { ROOM_EVENT_LUA } from '../fanout/room-event';
import { LuaScript } from '../redis/lua-script';
import { SEQUENCED_FRAME_LUA } from './sequenced-frame';

/** A feature's keys in a room, by the name its Lua reads them as (`K.players`) and their suffix (`roomKey`). */
export type RoomKeys = Readonly<Record<string, string>>;

/** The keys every room script gets first: KEYS[1..4]. */
export const SEQUENCE_KEY_SUFFIXES = ['seq', 'history', 'epoch', 'events'] as const;

/**
 * What a room script knows besides its keys, as one JSON argument (ARGV[1]): the publish command, an epoch for a
 * room that has none yet, the log's limits and how long an idle room's keys live.
 */
export interface SequenceContext {
  readonly publish: 'PUBLISH' | 'SPUBLISH';
  readonly epoch: string;
  readonly maxEvents: number;
  readonly maxAgeMs: number;
  readonly idleMs: number;
}

export function sequenceContext(options: Omit<SequenceContext, 'epoch'>): string {
  return JSON.stringify({ ...options, epoch: randomUUID().slice(0, 8) });
}

/**
 * The library's half of every room script. Locals: `room`, `ctx`, `K` (the feature's keys by name), `args` (the
 * feature's arguments). Functions: `emit(head, except)` numbers, logs and publishes the event whose frame is
 * `head .. seq .. '}'` and returns its seq and frame; `position()` returns the room's seq and epoch; `touch(key, ...)`
 * pushes back the idle expiry of the feature's keys; `sequencedFrameHead(fields)` builds a head from a Lua table.
 */
function prelude(keys: RoomKeys, firstArg: number): string {
  const names = Object.keys(keys);
  for (const name of names)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`room key name ${name} is not a Lua name`);
  const featureKeys = names.map((name, i) => `K.${name} = KEYS[${SEQUENCE_KEY_SUFFIXES.length + i + 1}]`);
  return `
local seqKey, historyKey, epochKey, channel = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ctx = cjson.decode(ARGV[1])
local room = ARGV[2]
local K = {}
${featureKeys.join('\n')}
local args = {}
for i = ${firstArg}, #ARGV do args[#args + 1] = ARGV[i] end
${ROOM_EVENT_LUA}
${SEQUENCED_FRAME_LUA}
local function nowMs()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function touch(...)
  for _, key in ipairs({...}) do redis.call('PEXPIRE', key, ctx.idleMs) end
end
local function currentEpoch()
  local epoch = redis.call('GET', epochKey)
  -- A room whose seq expired (idle) starts a new epoch, so no seq is ever handed out twice in one epoch.
  if epoch and redis.call('EXISTS', seqKey) == 0 then epoch = nil end
  if not epoch then
    epoch = ctx.epoch
    redis.call('SET', epochKey, epoch, 'PX', ctx.maxAgeMs)
    redis.call('DEL', historyKey)
    redis.call('SET', seqKey, 0, 'NX', 'PX', ctx.idleMs)
  end
  return epoch
end
local function position()
  local epoch = currentEpoch()
  return tonumber(redis.call('GET', seqKey) or '0'), epoch
end
local function emit(head, except)
  local epoch = currentEpoch()
  local seq = redis.call('INCR', seqKey)
  redis.call('PEXPIRE', seqKey, ctx.idleMs)
  local frame = sequencedFrame(head, seq)
  local at = nowMs()
  local added = redis.pcall('XADD', historyKey, 'MAXLEN', '~', ctx.maxEvents, seq .. '-0', 'f', frame, 't', at)
  if type(added) == 'table' and added.err then
    -- The log holds a later id than this seq (the seq key was lost without the log): the log starts over.
    redis.call('DEL', historyKey)
    redis.call('SET', epochKey, ctx.epoch)
    epoch = ctx.epoch
    redis.call('XADD', historyKey, seq .. '-0', 'f', frame, 't', at)
  end
  redis.call('PEXPIRE', historyKey, ctx.maxAgeMs)
  redis.call('PEXPIRE', epochKey, ctx.maxAgeMs)
  redis.call(ctx.publish, channel, encodeRoomEvent(seq, epoch, except, frame))
  return seq, frame
end
`;
}

/**
 * A room script of a feature's own, for a change that decides in Lua which events it emits (the game's join, leave and
 * reaper): the feature's `lua` runs after the library's prelude (see above) and returns the script's result.
 * ARGV: context, room, then the feature's arguments (`args[1]`, ...).
 */
export class RedisRoomScript {
  readonly script: LuaScript;
  readonly keys: RoomKeys;

  constructor(definition: { readonly keys?: RoomKeys; readonly lua: string }) {
    this.keys = definition.keys ?? {};
    this.script = new LuaScript(`${prelude(this.keys, 3)}\n${definition.lua}`);
  }
}

/**
 * A feature's state change that goes with one event (`SequencedRoom.append`): `before` runs first and may refuse
 * the event (`return false`: nothing is numbered), `after` runs once it is numbered and published, with the locals
 * `seq` and `frame` (to keep the frame, as chat's recent lines and the ticker's latest quote do). Both see the
 * prelude's locals and functions. ARGV: context, room, frame head, except, then the change's arguments.
 */
export class RedisRoomChange {
  readonly script: LuaScript;
  readonly keys: RoomKeys;

  constructor(definition: { readonly keys?: RoomKeys; readonly before?: string; readonly after?: string }) {
    this.keys = definition.keys ?? {};
    this.script = new LuaScript(`${prelude(this.keys, 5)}
local function before()
${definition.before ?? ''}
end
local function after(seq, frame)
${definition.after ?? ''}
end
if before() == false then return -1 end
local seq, frame = emit(ARGV[3], ARGV[4])
after(seq, frame)
return seq
`);
  }
}

/** The event alone, with no state change of a feature's. */
export const NO_CHANGE = new RedisRoomChange({});
