/**
 * Caps on what one user or connection may hold on a node, so no client grows a node's memory without bound.
 * Over a cap the client is told (`LIMIT_EXCEEDED`, or the upgrade is refused); 0 turns a cap off.
 */
export interface CapOptions {
  /**
   * Rooms one connection may be in at once (game rooms, ticker symbols, ...). A `join` past it answers
   * `LIMIT_EXCEEDED` and the connection stays. The web app is in at most one game room (its chat shares it) or
   * the ticker's symbols (3 by default) at a time.
   * @default 32
   */
  readonly maxRoomsPerConnection: number;
  /**
   * Sockets one user may have open on this node, both transports together (a tab is one). The newest over it is
   * refused (`429`, `reason: 'too-many-connections'`); the ones already open are never closed for it.
   * @default 16
   */
  readonly maxConnectionsPerUser: number;
  /**
   * Rooms one user may bring into existence on this node per minute, sustained and in a burst (a token bucket):
   * a `join` of a room this node has no member in yet. Joining a room that already has a member here is free.
   * Past it a `join` answers `LIMIT_EXCEEDED` before anything is created.
   * @default 60
   */
  readonly roomCreationsPerMinute: number;
  /** Users whose creation budgets are remembered at once; memory stays bounded. @default 10000 */
  readonly maxTrackedUsers: number;
}

export const DEFAULT_CAP_OPTIONS: CapOptions = {
  maxRoomsPerConnection: 32,
  maxConnectionsPerUser: 16,
  roomCreationsPerMinute: 60,
  maxTrackedUsers: 10_000,
};

export function resolveCapOptions(options: Partial<CapOptions> = {}): CapOptions {
  return { ...DEFAULT_CAP_OPTIONS, ...options };
}

export const CAP_OPTIONS = Symbol('PULSE_CAP_OPTIONS');
