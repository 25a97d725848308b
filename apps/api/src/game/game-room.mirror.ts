import type { RoomEvent } from '@pulse/gateway';
import type { ServerMessage, ServerMessageOf } from '@pulse/protocol';
import { boardOf } from './board-bounds';
import { byPlayerId } from './game-room.store';
import type { Player } from './game-room.state';

interface MirroredRoom {
  epoch?: string;
  seq: number;
  readonly players: Map<string, Player>;
}

/**
 * What this node last knew of each game room it has members in: the last snapshot it read, with every later
 * `presence` and `move` folded in, in seq order. Only read while the shared store is away, to give this node's
 * members a snapshot of the outage epoch before its first local-only event.
 */
export class GameRoomMirror {
  private readonly rooms = new Map<string, MirroredRoom>();

  /** A snapshot read from the store; ignored when the mirror already holds a later state of the same epoch. */
  applySnapshot(snapshot: ServerMessageOf<'snapshot'>): void {
    const known = this.rooms.get(snapshot.room);
    if (known && known.epoch === snapshot.epoch && known.seq >= snapshot.seq) return;
    this.rooms.set(snapshot.room, {
      epoch: snapshot.epoch,
      seq: snapshot.seq,
      players: new Map(snapshot.players.map((p) => [p.id, { ...p }])),
    });
  }

  /** A delivered room event: sequenced `presence` and `move` after what the mirror holds change it. */
  applyEvent(room: string, event: RoomEvent): void {
    const known = this.rooms.get(room);
    if (!known || event.seq === 0) return;
    if (event.epoch === known.epoch && event.seq <= known.seq) return;
    known.epoch = event.epoch ?? known.epoch;
    known.seq = event.seq;
    const message = JSON.parse(event.frame) as ServerMessage;
    if (message.type === 'move') {
      const player = known.players.get(message.player);
      if (player) Object.assign(player, { x: message.x, y: message.y });
    } else if (message.type === 'presence') {
      const player = known.players.get(message.player);
      if (message.status === 'offline') {
        if (player) player.online = false;
      } else if (player)
        Object.assign(player, {
          online: true,
          name: message.name ?? player.name,
          x: message.x ?? player.x,
          y: message.y ?? player.y,
        });
      else
        known.players.set(message.player, {
          id: message.player,
          name: message.name ?? message.player,
          x: message.x ?? 0,
          y: message.y ?? 0,
          online: true,
        });
    }
  }

  /** The room as this node knows it, numbered as the caller says (the outage epoch and its last local seq). */
  snapshot(room: string, self: string, seq: number, epoch: string): ServerMessageOf<'snapshot'> {
    const players = [...(this.rooms.get(room)?.players.values() ?? [])]
      .map((player) => ({ ...player }))
      .sort(byPlayerId);
    return { type: 'snapshot', room, self, players, seq, epoch, board: boardOf() };
  }

  forget(room: string): void {
    this.rooms.delete(room);
  }
}
