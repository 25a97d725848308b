/**
 * A room event as it travels between nodes: its room `seq` (0 for unsequenced signals), the epoch that seq belongs
 * to (absent when the bus has only one: a single node in memory), the connection that caused it (not delivered back
 * to it), and the encoded frame, serialised once for every recipient.
 */
export interface RoomEvent {
  readonly seq: number;
  readonly epoch?: string;
  readonly except?: string;
  readonly frame: string;
}

/**
 * `seq[:epoch] \n except \n frame`: cheap to build in a Redis script and to split on the receiving node. The room
 * scripts build it with `ROOM_EVENT_LUA`, this file's Lua twin, so the format is defined here alone.
 */
export function encodeRoomEvent(event: RoomEvent): string {
  return `${event.seq}${event.epoch ? `:${event.epoch}` : ''}\n${event.except ?? ''}\n${event.frame}`;
}

/** `encodeRoomEvent` in Lua, for the scripts that publish a room event in the step that numbers it. */
export const ROOM_EVENT_LUA = `
local function encodeRoomEvent(seq, epoch, except, frame)
  local head = tostring(seq)
  if epoch and epoch ~= '' then head = head .. ':' .. epoch end
  return head .. '\\n' .. (except or '') .. '\\n' .. frame
end
`;

export function decodeRoomEvent(payload: string): RoomEvent | null {
  const first = payload.indexOf('\n');
  const second = first < 0 ? -1 : payload.indexOf('\n', first + 1);
  if (second < 0) return null;
  const colon = payload.indexOf(':');
  const hasEpoch = colon >= 0 && colon < first - 1;
  const seq = Number(payload.slice(0, hasEpoch ? colon : first));
  if (!Number.isInteger(seq) || seq < 0) return null;
  const except = payload.slice(first + 1, second);
  const frame = payload.slice(second + 1);
  const event: { seq: number; epoch?: string; except?: string; frame: string } = { seq, frame };
  if (hasEpoch) event.epoch = payload.slice(colon + 1, first);
  if (except) event.except = except;
  return event;
}

/** Keys and channels of one room share a hash tag, so a room lives on one Redis Cluster slot. */
export function roomKey(room: string, suffix: string): string {
  return `pulse:{${room}}:${suffix}`;
}

export function roomChannel(room: string): string {
  return roomKey(room, 'events');
}
