import type { ServerMessageOf } from '@pulse/protocol';
import { DEFAULT_ROOM_IDLE_EXPIRY_MS, type InMemorySequencedRoom } from '@pulse/gateway';
import { byPlayerId, type GameRoomStore, type GameUser } from './game-room.store';
import { GameRoomState } from './game-room.state';
import { spawnPoint } from './spawn-point';

export interface InMemoryGameRoomStoreOptions {
  /** How long a snapshot keeps listing a player who left. @default 600000 */
  readonly playerRetentionMs?: number;
  /** A room with no members and no events this long is dropped from memory. @default 86400000 */
  readonly roomIdleExpiryMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * One node's game state. Connection deaths arrive through the close path, so presence needs no expiry. Idle rooms
 * are dropped as joins come in (at most one pass every few seconds), so memory follows the rooms in use. Each change
 * to a room's state and the `append` of its event to the node's `InMemorySequencedRoom` happen in one synchronous
 * step, so no other event of the room is numbered in between.
 */
export class InMemoryGameRoomStore implements GameRoomStore {
  readonly presenceExpires = false;
  private readonly rooms = new Map<string, GameRoomState>();
  /** Per room, the connections present: connection id -> user id (a string, not an object per connection). */
  private readonly presence = new Map<string, Map<string, string>>();
  private readonly lastActivity = new Map<string, number>();
  private readonly retentionMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(
    private readonly sequenced: InMemorySequencedRoom,
    options: InMemoryGameRoomStoreOptions = {},
  ) {
    this.retentionMs = options.playerRetentionMs ?? 600_000;
    this.idleMs = options.roomIdleExpiryMs ?? DEFAULT_ROOM_IDLE_EXPIRY_MS;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Drops every room without members whose last activity is older than the idle expiry. */
  dropIdleRooms(): void {
    const now = this.now();
    this.lastSweep = now;
    for (const [room, at] of this.lastActivity) {
      if (now - at < this.idleMs || this.presence.has(room)) continue;
      this.rooms.delete(room);
      this.lastActivity.delete(room);
      this.sequenced.forget(room);
    }
  }

  /** How many rooms this node holds in memory. */
  get roomCount(): number {
    return this.rooms.size;
  }

  async join(room: string, user: GameUser, connectionId: string): Promise<ServerMessageOf<'snapshot'>> {
    if (this.now() - this.lastSweep >= Math.min(this.idleMs, 60_000) / 2) this.dropIdleRooms();
    const state = this.room(room);
    state.forgetLeftBefore(this.now() - this.retentionMs);
    this.connections(room).set(connectionId, user.id);
    if (!state.player(user.id)?.online) {
      await this.sequenced.append(room, {
        message: state.comeOnline(user, spawnPoint(user.id)),
        except: connectionId,
      });
    }
    return this.snapshot(room, user.id);
  }

  async snapshot(room: string, self: string): Promise<ServerMessageOf<'snapshot'>> {
    const state = this.room(room);
    state.forgetLeftBefore(this.now() - this.retentionMs);
    const { players, board } = state.snapshot(self);
    const { seq, epoch } = this.sequenced.positionNow(room);
    return { type: 'snapshot', room, self, players: players.sort(byPlayerId), seq, board, epoch };
  }

  async leave(room: string, connectionId: string): Promise<void> {
    const connections = this.presence.get(room);
    const userId = connections?.get(connectionId);
    if (!connections || userId === undefined) return;
    connections.delete(connectionId);
    if (connections.size === 0) this.presence.delete(room);
    for (const other of connections.values()) if (other === userId) return;
    this.lastActivity.set(room, this.now());
    const event = this.rooms.get(room)?.goOffline(userId, this.now());
    if (event) await this.sequenced.append(room, { message: event, except: connectionId });
  }

  async move(
    room: string,
    userId: string,
    x: number,
    y: number,
    connectionId: string,
  ): Promise<number | null> {
    const event = this.rooms.get(room)?.move(userId, x, y);
    if (!event) return null;
    this.lastActivity.set(room, this.now());
    return this.sequenced.append(room, { message: event, except: connectionId });
  }

  async refresh(): Promise<void> {
    return undefined;
  }

  async reapExpired(): Promise<void> {
    return undefined;
  }

  /** One node: no other node's connections to take. */
  async takeOfflineNode(): Promise<void> {
    return undefined;
  }

  private room(name: string): GameRoomState {
    this.lastActivity.set(name, this.now());
    let state = this.rooms.get(name);
    if (!state) {
      state = new GameRoomState(name);
      this.rooms.set(name, state);
    }
    return state;
  }

  private connections(room: string): Map<string, string> {
    let connections = this.presence.get(room);
    if (!connections) {
      connections = new Map();
      this.presence.set(room, connections);
    }
    return connections;
  }

  async onlineCounts(): Promise<Array<{ room: string; online: number }>> {
    const counts: Array<{ room: string; online: number }> = [];
    for (const [room, state] of this.rooms) {
      const online = state.onlineCount();
      if (online > 0) counts.push({ room, online });
    }
    return counts;
  }
}
