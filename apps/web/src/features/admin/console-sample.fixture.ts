import type { ConsoleSample } from './console-history';

/** A console sample with plausible figures, for the specs of this folder. */
export function sampleOf(node: string, at: number, overrides: Partial<ConsoleSample> = {}): ConsoleSample {
  return {
    type: 'console-sample',
    node,
    at,
    intervalSeconds: 1,
    connections: { ws: 1, 'socket.io': 0 },
    roomCount: 0,
    memberCount: 0,
    rooms: [],
    messagesInPerSecond: 0,
    messagesOutPerSecond: 0,
    fanout: null,
    redis: null,
    refusedUpgrades: {},
    closes: {},
    ...overrides,
  };
}
