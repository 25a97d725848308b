import { encodeMessage, type ServerMessage } from '@pulse/protocol';

/** A message type without its `seq`, member by member of a union. */
export type Unsequenced<M> = M extends unknown ? Omit<M, 'seq'> : never;

type WithSeq<M> = M extends unknown ? ('seq' extends keyof M ? M : never) : never;

/** A server message that carries the room's `seq`, before the room numbers it. */
export type UnsequencedMessage = Unsequenced<WithSeq<ServerMessage>>;

/**
 * The encoded message up to its `seq`, which goes last: `{"type":"move",...,"seq":`. The frame of the event
 * numbered `seq` is `head + seq + '}'`, so it is serialised once, before the number is known (in a Redis script
 * the number is appended there).
 */
export function sequencedFrameHead(message: UnsequencedMessage): string {
  const json = encodeMessage(message as ServerMessage);
  return `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"seq":`;
}

export function sequencedFrame(head: string, seq: number): string {
  return `${head}${seq}}`;
}

/** The same in Lua: the head of an event a script builds from a table of its fields (`cjson`). */
export const SEQUENCED_FRAME_LUA = `
local function sequencedFrameHead(fields)
  local json = cjson.encode(fields)
  return string.sub(json, 1, -2) .. ',"seq":'
end
local function sequencedFrame(head, seq)
  return head .. seq .. '}'
end
`;
