/** The frames the plain `ws` relay understands: the same JSON shapes as Pulse's join, move and ping. */
export type RelayInbound =
  | { type: 'join'; room: string }
  | { type: 'move'; room: string; x: number; y: number }
  | { type: 'ping'; t: number };

/** Reads a frame with the checks a hand-written server would make; anything else is ignored. */
export function readRelayFrame(text: string): RelayInbound | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as Record<string, unknown>;
  switch (frame['type']) {
    case 'join':
      return typeof frame['room'] === 'string' ? { type: 'join', room: frame['room'] } : undefined;
    case 'move': {
      const { room, x, y } = frame;
      return typeof room === 'string' && typeof x === 'number' && typeof y === 'number'
        ? { type: 'move', room, x, y }
        : undefined;
    }
    case 'ping':
      return typeof frame['t'] === 'number' ? { type: 'ping', t: frame['t'] } : undefined;
    default:
      return undefined;
  }
}
