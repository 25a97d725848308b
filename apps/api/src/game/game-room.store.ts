import type { ServerMessageOf } from '@pulse/protocol';

export interface GameUser {
  readonly id: string;
  readonly name: string;
}

/** A connection's presence in a room, as the heartbeat refreshes it. */
export interface PresenceEntry {
  readonly room: string;
  readonly connectionId: string;
}

/**
 * The game's shared state: players, their positions and presence, and the room `seq`. Every change is
 * sequenced and published to the room (to every node) atomically with the state change, so the order of
 * events is the order of `seq` and a snapshot always matches the events that follow it.
 */
export interface GameRoomStore {
  /**
   * Whether presence expires unless refreshed (a store shared by nodes, where a dead node's connections must time
   * out). When false, `refresh` and `reapExpired` do nothing and `GamePresenceRefresher` does not run.
   */
  readonly presenceExpires: boolean;
  /** Marks the connection present; a player not yet online comes online (event to the others). */
  join(room: string, user: GameUser, connectionId: string): Promise<ServerMessageOf<'snapshot'>>;
  /** Forgets the connection; when it was the user's last one in the room, the player goes offline. */
  leave(room: string, connectionId: string): Promise<void>;
  /** Returns the move's seq, or null when the player is not in the room. */
  move(room: string, userId: string, x: number, y: number, connectionId: string): Promise<number | null>;
  /** The room as a joiner would see it, without joining. */
  snapshot(room: string, self: string): Promise<ServerMessageOf<'snapshot'>>;
  /** Keeps this node's connections present; a store with expiring presence needs it each heartbeat. */
  refresh(entries: readonly PresenceEntry[]): Promise<void>;
  /** Takes offline the connections whose presence expired (their node died). */
  reapExpired(): Promise<void>;
  /** Takes offline every connection a node that died held (its liveness record lapsed); idempotent. */
  takeOfflineNode(nodeId: string): Promise<void>;
  /**
   * Rooms with players online and how many, on every node sharing the store (for the lobby). Rooms where nobody is
   * online are left out.
   */
  onlineCounts(): Promise<Array<{ room: string; online: number }>>;
}

export const GAME_ROOM_STORE = Symbol('PULSE_GAME_ROOM_STORE');

/** Snapshot players in a stable order, whatever the store. */
export function byPlayerId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
