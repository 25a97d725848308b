import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MessageBody } from '@nestjs/websockets';
import {
  Conn,
  OnMessage,
  ProtocolException,
  PulseGateway,
  RoomsService,
  StoreUnavailableError,
  type RealtimeConnection,
} from '@pulse/gateway';
import { ErrorCode, type ClientMessageOf } from '@pulse/protocol';
import { offBoardPointerReason } from '../board-bounds';
import { CursorConflator, type LatestCursor } from './cursor-conflator';

/**
 * Live pointers on the game board: each member's latest pointer reaches the room's other members once per tick,
 * unsequenced and never kept (so neither history nor a resume replays one). Every `cursor` counts toward the
 * connection's message budget like any other message.
 */
@PulseGateway()
export class CursorGateway implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Cursors');
  private readonly conflator = new CursorConflator((cursor) => this.relay(cursor));

  constructor(private readonly rooms: RoomsService) {}

  onModuleInit(): void {
    this.rooms.onMemberLeft(({ room, connection, lastForUser }) => {
      if (lastForUser) this.conflator.forget(room, connection.user.id);
    });
  }

  onModuleDestroy(): void {
    this.conflator.stop();
  }

  /** Off the room's board it is refused with INVALID_MESSAGE, before anything is relayed. */
  @OnMessage('cursor')
  cursor(@MessageBody() message: ClientMessageOf<'cursor'>, @Conn() connection: RealtimeConnection): void {
    const offBoard = offBoardPointerReason(message.x, message.y);
    if (offBoard) throw new ProtocolException(ErrorCode.INVALID_MESSAGE, offBoard);
    this.rooms.requireMember(connection, message.room);
    this.conflator.offer({
      event: { type: 'cursor', room: message.room, player: connection.user.id, x: message.x, y: message.y },
      connectionId: connection.id,
    });
  }

  /** While the shared bus is down, this node's members still get the pointer. */
  private relay({ event, connectionId }: LatestCursor): void {
    this.rooms.publish(event.room, event, { exceptId: connectionId }).catch((error: unknown) => {
      if (error instanceof StoreUnavailableError)
        this.rooms.deliverLocal(event.room, event, { exceptId: connectionId });
      else this.log.warn({ msg: 'cursor not relayed', room: event.room, err: (error as Error).message });
    });
  }
}
