import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NodeLiveness, RoomsService } from '@pulse/gateway';
import { GAME_ROOM_STORE, type GameRoomStore, type PresenceEntry } from './game-room.store';

export const PRESENCE_REFRESH_INTERVAL_MS = Symbol('PULSE_PRESENCE_REFRESH_INTERVAL_MS');

/**
 * Each round, keeps this node's connections present in the shared store and takes offline the connections
 * of nodes that stopped refreshing theirs (a node that died). Not started for a store whose presence does not
 * expire (in memory): a round would list every connection for nothing.
 */
@Injectable()
export class GamePresenceRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('GamePresence');
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly rooms: RoomsService,
    @Inject(GAME_ROOM_STORE) private readonly store: GameRoomStore,
    @Inject(PRESENCE_REFRESH_INTERVAL_MS) private readonly intervalMs: number,
    liveness: NodeLiveness,
  ) {
    // A node that died is seen within seconds through its liveness record, whatever the heartbeat interval.
    liveness.onNodeGone((nodeId) => this.store.takeOfflineNode(nodeId));
  }

  onApplicationBootstrap(): void {
    if (!this.store.presenceExpires) return;
    this.timer = setInterval(() => void this.round(), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async round(): Promise<void> {
    const entries: PresenceEntry[] = [];
    for (const room of this.rooms.localRooms()) {
      for (const connection of this.rooms.localMembers(room))
        entries.push({ room, connectionId: connection.id });
    }
    try {
      await this.store.refresh(entries);
      await this.store.reapExpired();
      if (this.failing) this.log.log('presence refresh works again');
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.log.warn(`presence refresh failed: ${error instanceof Error ? error.message : 'unknown'}`);
      this.failing = true;
    }
  }
}
