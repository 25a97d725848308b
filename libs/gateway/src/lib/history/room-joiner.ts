import { Inject, Injectable } from '@nestjs/common';
import type { ClientMessageOf, ServerMessageOf } from '@pulse/protocol';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { OutboundFrame } from '../dispatch/outbound-frame';
import { RoomsService } from '../rooms/rooms.service';
import { ResumeTicketService } from '../sessions/resume-ticket.service';
import { ROOM_HISTORY, type RoomHistory } from './room-history';

type Snapshot = ServerMessageOf<'snapshot'>;

/**
 * Joins a connection to a room, fresh or resuming. A fresh join gets the snapshot. A resume (`since`) gets
 * every event it missed from the room's log, with their original seq, then `resumed`, then live events; or, when
 * the log cannot cover the gap or the epoch changed, the snapshot flagged `resync`. Live events that arrive while
 * this happens are held and released after it, filtered by seq, so there is no gap and no duplicate. Either way a
 * `resume-ticket` follows, for the next reconnect.
 */
@Injectable()
export class RoomJoiner {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(ROOM_HISTORY) private readonly history: RoomHistory,
    private readonly resumeTickets: ResumeTicketService,
  ) {}

  async join(
    connection: RealtimeConnection,
    message: ClientMessageOf<'join'>,
    enter: () => Promise<Snapshot>,
  ): Promise<void> {
    const { room, since } = message;
    await this.rooms.beginJoin(connection, room);
    try {
      const snapshot = await enter();
      if (!since) return this.deliverSnapshot(connection, snapshot);
      const replay = await this.history.read(room, since.seq, since.epoch);
      if (!replay.ok) return this.deliverSnapshot(connection, { ...snapshot, resync: true });
      for (const event of replay.events) connection.sendFrame(OutboundFrame.fromTrustedText(event.frame));
      connection.send({ type: 'resumed', room, seq: replay.lastSeq });
      this.rooms.completeJoin(connection, room, replay.lastSeq, since.epoch);
      this.resumeTickets.offer(connection);
    } catch (error) {
      this.rooms.leave(connection, room);
      throw error;
    }
  }

  private deliverSnapshot(connection: RealtimeConnection, snapshot: Snapshot): void {
    connection.send(snapshot);
    this.rooms.completeJoin(connection, snapshot.room, snapshot.seq, snapshot.epoch);
    this.resumeTickets.offer(connection);
  }
}
