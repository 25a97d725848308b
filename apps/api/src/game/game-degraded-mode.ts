import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import {
  REDIS_CLIENTS,
  RoomsService,
  SEQUENCED_ROOM,
  type SequencedRoom,
  StoreUnavailableError,
  type RealtimeConnection,
  type RedisClients,
} from '@pulse/gateway';
import type { ServerMessageOf } from '@pulse/protocol';
import { GameRoomMirror } from './game-room.mirror';
import { GAME_ROOM_STORE, type GameRoomStore } from './game-room.store';

interface PendingMove {
  readonly x: number;
  readonly y: number;
  readonly connectionId: string;
}

/**
 * While the shared store is down, moves still reach the players on this node: numbered on from the last seq this
 * node saw, in an epoch of this node's own for the room and the outage (`RoomsService.deliverDegraded`), each member
 * first getting a `resync` snapshot of that epoch built from what this node last knew of the room (`GameRoomMirror`).
 * When the store returns, this node re-registers its members, replays each player's last local position into the
 * shared state, and sends every local member a `resync` snapshot; any event of the shared log that reaches a member
 * before its snapshot is held until after it, so a member's `seq` never goes back without a snapshot first.
 */
@Injectable()
export class GameDegradedMode implements OnModuleInit {
  private readonly log = new Logger('GameDegradedMode');
  private readonly pending = new Map<string, Map<string, PendingMove>>();
  private readonly mirror = new GameRoomMirror();

  constructor(
    private readonly rooms: RoomsService,
    @Inject(GAME_ROOM_STORE) private readonly store: GameRoomStore,
    @Inject(SEQUENCED_ROOM) private readonly sequenced: SequencedRoom,
    @Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null,
  ) {}

  onModuleInit(): void {
    if (!this.redis) return;
    this.rooms.setResyncSource((room, connection) => this.resyncSnapshot(room, connection));
    this.rooms.onEvent((room, event) => this.mirror.applyEvent(room, event));
    this.rooms.onMemberLeft(({ room }) => {
      const [anyone] = this.rooms.localMembers(room);
      if (!anyone) this.mirror.forget(room);
    });
    this.redis.onRecovered(() => {
      this.reconcile().catch((error: Error) =>
        this.log.error(`reconcile after Redis returned failed: ${error.message}`),
      );
    });
  }

  /** A snapshot the store gave a joiner: the base this node's view of the room is kept from. */
  observe(snapshot: ServerMessageOf<'snapshot'>): ServerMessageOf<'snapshot'> {
    if (this.redis) this.mirror.applySnapshot(snapshot);
    return snapshot;
  }

  moveLocally(room: string, connection: RealtimeConnection, x: number, y: number): void {
    const player = connection.user.id;
    this.sequenced.appendLocally(room, {
      message: { type: 'move', room, player, x, y },
      except: connection.id,
    });
    let moves = this.pending.get(room);
    if (!moves) {
      moves = new Map();
      this.pending.set(room, moves);
    }
    moves.set(player, { x, y, connectionId: connection.id });
  }

  async reconcile(): Promise<void> {
    const pending = new Map(this.pending);
    this.pending.clear();
    for (const room of this.rooms.localRooms()) {
      const members = [...this.rooms.localMembers(room)];
      for (const member of members) await this.store.join(room, member.user, member.id);
      for (const [userId, move] of pending.get(room) ?? [])
        await this.store.move(room, userId, move.x, move.y, move.connectionId);
      await Promise.all(members.map((member) => this.rooms.resync(member, room, { oncePerRecovery: true })));
    }
    this.log.log(`reconciled ${this.rooms.localRooms().length} room(s) with the shared store`);
  }

  /** The store's snapshot; while the store is away, this node's view of the room in its outage epoch. */
  private async resyncSnapshot(
    room: string,
    connection: RealtimeConnection,
  ): Promise<ServerMessageOf<'snapshot'>> {
    try {
      return this.observe(await this.store.snapshot(room, connection.user.id));
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return this.mirror.snapshot(
        room,
        connection.user.id,
        this.rooms.lastSeq(room),
        this.rooms.outageEpoch(room),
      );
    }
  }
}
