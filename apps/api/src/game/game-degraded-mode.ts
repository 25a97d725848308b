import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { REDIS_CLIENTS, RoomsService, type RealtimeConnection, type RedisClients } from '@pulse/gateway';
import { GAME_ROOM_STORE, type GameRoomStore } from './game-room.store';

interface PendingMove {
  readonly x: number;
  readonly y: number;
  readonly connectionId: string;
}

/**
 * While the shared store is down, moves still reach the players on this node (numbered on from the last seq
 * this node saw). When it returns, this node re-registers its members, replays each player's last local
 * position into the shared state, and sends every local member a `snapshot` with `resync: true`, so no client
 * keeps a state that silently diverged.
 */
@Injectable()
export class GameDegradedMode implements OnModuleInit {
  private readonly log = new Logger('GameDegradedMode');
  private readonly pending = new Map<string, Map<string, PendingMove>>();

  constructor(
    private readonly rooms: RoomsService,
    @Inject(GAME_ROOM_STORE) private readonly store: GameRoomStore,
    @Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null,
  ) {}

  onModuleInit(): void {
    this.redis?.onRecovered(() => {
      this.reconcile().catch((error: Error) => this.log.error(`reconcile after Redis returned failed: ${error.message}`));
    });
  }

  moveLocally(room: string, connection: RealtimeConnection, x: number, y: number): void {
    const seq = this.rooms.lastSeq(room) + 1;
    this.rooms.deliverLocal(room, { type: 'move', room, player: connection.user.id, x, y, seq }, { seq, exceptId: connection.id });
    let moves = this.pending.get(room);
    if (!moves) {
      moves = new Map();
      this.pending.set(room, moves);
    }
    moves.set(connection.user.id, { x, y, connectionId: connection.id });
  }

  async reconcile(): Promise<void> {
    const pending = new Map(this.pending);
    this.pending.clear();
    for (const room of this.rooms.localRooms()) {
      const members = [...this.rooms.localMembers(room)];
      for (const member of members) await this.store.join(room, member.user, member.id);
      for (const [userId, move] of pending.get(room) ?? []) await this.store.move(room, userId, move.x, move.y, move.connectionId);
      for (const member of members) {
        const snapshot = await this.store.snapshot(room, member.user.id);
        this.rooms.resetSnapshotSeq(member, room, snapshot.seq);
        member.send({ ...snapshot, resync: true });
      }
    }
    this.log.log(`reconciled ${this.rooms.localRooms().length} room(s) with the shared store`);
  }
}
