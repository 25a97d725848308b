import type { Unsequenced } from '@pulse/gateway';
import type { ServerMessageOf } from '@pulse/protocol';
import { boardOf } from './board-bounds';

export interface Player {
  id: string;
  name: string;
  x: number;
  y: number;
  online: boolean;
}

type PresenceEvent = Unsequenced<ServerMessageOf<'presence'>>;
type MoveEvent = Unsequenced<ServerMessageOf<'move'>>;
type Snapshot = Unsequenced<ServerMessageOf<'snapshot'>>;

/**
 * The server-authoritative state of one game room. Each change returns the event that tells the other
 * members about it, for the room's `SequencedRoom` to number. Players who leave stay, marked offline, until
 * `forgetLeftBefore` drops them, so a returning player and every joiner see recent players' latest position.
 */
export class GameRoomState {
  private readonly players = new Map<string, Player>();
  /** When each offline player left. */
  private readonly leftAt = new Map<string, number>();

  constructor(readonly room: string) {}

  player(id: string): Readonly<Player> | undefined {
    return this.players.get(id);
  }

  /** The user came online in the room (first connection). A new player appears at `spawn`. */
  comeOnline(user: { id: string; name: string }, spawn: { x: number; y: number }): PresenceEvent {
    let player = this.players.get(user.id);
    if (!player) {
      player = { id: user.id, name: user.name, x: spawn.x, y: spawn.y, online: true };
      this.players.set(user.id, player);
    }
    player.online = true;
    player.name = user.name;
    this.leftAt.delete(user.id);
    return {
      type: 'presence',
      room: this.room,
      player: user.id,
      status: 'online',
      name: player.name,
      x: player.x,
      y: player.y,
    };
  }

  /** The user's last connection left or died. Returns null for a player the room does not know. */
  goOffline(userId: string, at = Date.now()): PresenceEvent | null {
    const player = this.players.get(userId);
    if (!player || !player.online) return null;
    player.online = false;
    this.leftAt.set(userId, at);
    return { type: 'presence', room: this.room, player: userId, status: 'offline' };
  }

  /** Returns null for a player who has not joined. */
  move(userId: string, x: number, y: number): MoveEvent | null {
    const player = this.players.get(userId);
    if (!player) return null;
    player.x = x;
    player.y = y;
    return { type: 'move', room: this.room, player: userId, x, y };
  }

  /** The players as a joiner sees them; the store adds the room's position (`seq`, `epoch`). */
  snapshot(self: string): Snapshot {
    const players = [...this.players.values()].map(({ id, name, x, y, online }) => ({
      id,
      name,
      x,
      y,
      online,
    }));
    return { type: 'snapshot', room: this.room, self, players, board: boardOf() };
  }

  /** Forgets the players who left before `cutoff`: they are gone from snapshots, and start afresh if they return. */
  forgetLeftBefore(cutoff: number): void {
    for (const [id, at] of this.leftAt) {
      if (at >= cutoff) continue;
      this.leftAt.delete(id);
      this.players.delete(id);
    }
  }

  onlineCount(): number {
    let count = 0;
    for (const player of this.players.values()) if (player.online) count++;
    return count;
  }
}
