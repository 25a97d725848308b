import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

/**
 * The Socket.IO server at `/socket.io`, for a team's code that uses Socket.IO's own API. Every Pulse room is a
 * Socket.IO room of the same name (its Socket.IO members join and leave it with the Pulse room), and each socket's
 * `data.user` is who it is (`{ id, name, roles }`); with Redis the official adapter carries `io.to(room).emit()`,
 * `fetchSockets()` and `serverSideEmit()` to every node. What is sent this way reaches Socket.IO clients only and
 * is not numbered, kept in history or resumed: room events that every client must see go through the room's store.
 */
@Injectable()
export class PulseSocketIo {
  private attached?: Server;

  /** Throws until `PulseAdapter` has made the server (when the app's gateways are set up, before `listen`). */
  get server(): Server {
    if (!this.attached)
      throw new Error(
        'PulseSocketIo: the Socket.IO server exists once the app uses PulseAdapter and is initialised',
      );
    return this.attached;
  }

  attach(server: Server): void {
    this.attached = server;
  }
}
