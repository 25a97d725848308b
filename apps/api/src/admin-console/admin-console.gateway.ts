import { Conn, OnMessage, PulseGateway, Roles, RoomsService, type RealtimeConnection } from '@pulse/gateway';
import { ADMIN_CONSOLE_ROOM } from '@pulse/protocol';
import { AdminConsoleFeed } from './admin-console.feed';

/** Watching the operator's console: a watcher is a member of `admin:console`. Admins only. */
@PulseGateway()
export class AdminConsoleGateway {
  constructor(
    private readonly rooms: RoomsService,
    private readonly feed: AdminConsoleFeed,
  ) {}

  /** Joins `admin:console` and sends this node's latest sample first, so the charts start at once. */
  @OnMessage('console-watch')
  @Roles('admin')
  async watch(@Conn() connection: RealtimeConnection): Promise<void> {
    await this.rooms.beginJoin(connection, ADMIN_CONSOLE_ROOM);
    const latest = this.feed.latest;
    if (latest) connection.send(latest);
    this.rooms.completeJoin(connection, ADMIN_CONSOLE_ROOM, 0);
  }

  @OnMessage('console-unwatch')
  unwatch(@Conn() connection: RealtimeConnection): void {
    this.rooms.requireMember(connection, ADMIN_CONSOLE_ROOM);
    this.rooms.leave(connection, ADMIN_CONSOLE_ROOM);
  }
}
