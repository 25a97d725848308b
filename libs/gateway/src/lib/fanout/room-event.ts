/**
 * A room event as it travels between nodes: its room `seq` (0 for unsequenced signals), the connection that
 * caused it (not delivered back to it), and the encoded frame, serialised once for every recipient.
 */
export interface RoomEvent {
  readonly seq: number;
  readonly except?: string;
  readonly frame: string;
}

/** `seq \n except \n frame`: cheap to build in a Redis script and to split on the receiving node. */
export function encodeRoomEvent(event: RoomEvent): string {
  return `${event.seq}\n${event.except ?? ''}\n${event.frame}`;
}

export function decodeRoomEvent(payload: string): RoomEvent | null {
  const first = payload.indexOf('\n');
  const second = first < 0 ? -1 : payload.indexOf('\n', first + 1);
  if (second < 0) return null;
  const seq = Number(payload.slice(0, first));
  if (!Number.isInteger(seq) || seq < 0) return null;
  const except = payload.slice(first + 1, second);
  return except ? { seq, except, frame: payload.slice(second + 1) } : { seq, frame: payload.slice(second + 1) };
}

/** Keys and channels of one room share a hash tag, so a room lives on one Redis Cluster slot. */
export function roomKey(room: string, suffix: string): string {
  return `pulse:{${room}}:${suffix}`;
}

export function roomChannel(room: string): string {
  return roomKey(room, 'events');
}
