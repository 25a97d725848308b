import { Injectable } from '@nestjs/common';
import { ErrorCode, type ServerMessage } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { OutboundFrame } from '../dispatch/outbound-frame';
import { ProtocolException } from '../errors/protocol.exception';
import { RoomMembership, type JoinOutcome, type LeaveOutcome } from './room-membership';

export interface MemberLeft {
  readonly room: string;
  readonly connection: RealtimeConnection;
  /** The user has no connection left in the room. */
  readonly lastForUser: boolean;
}

type MemberLeftListener = (event: MemberLeft) => void;

/**
 * Room membership for the connections of this node, and fan-out to them. A closed connection leaves
 * all its rooms; features learn of every departure (explicit or not) through `onMemberLeft`.
 */
@Injectable()
export class RoomsService {
  private readonly membership = new RoomMembership<RealtimeConnection>();
  private readonly leftListeners: MemberLeftListener[] = [];

  constructor(registry: ConnectionRegistry) {
    registry.onClose((connection) => this.leaveAll(connection));
  }

  join(connection: RealtimeConnection, room: string): JoinOutcome {
    const outcome = this.membership.join(connection, room);
    connection.rooms.add(room);
    return outcome;
  }

  leave(connection: RealtimeConnection, room: string): LeaveOutcome {
    const outcome = this.membership.leave(connection, room);
    connection.rooms.delete(room);
    if (outcome.wasMember) this.emitLeft({ room, connection, lastForUser: outcome.lastForUser });
    return outcome;
  }

  /** Throws `NOT_IN_ROOM` unless the connection joined the room. */
  requireMember(connection: RealtimeConnection, room: string): void {
    if (!this.membership.isMember(connection, room)) {
      throw new ProtocolException(ErrorCode.NOT_IN_ROOM, 'join the room before sending to it');
    }
  }

  isMember(connection: RealtimeConnection, room: string): boolean {
    return this.membership.isMember(connection, room);
  }

  /** Sends to every member of the room but `except`; the message is encoded once. Returns the number sent. */
  broadcast(room: string, message: ServerMessage, except?: RealtimeConnection): number {
    const frame = new OutboundFrame(message);
    let sent = 0;
    for (const member of this.membership.members(room)) {
      if (member === except) continue;
      member.sendFrame(frame);
      sent++;
    }
    return sent;
  }

  onlineUsers(room: string): string[] {
    return this.membership.onlineUsers(room);
  }

  onMemberLeft(listener: MemberLeftListener): void {
    this.leftListeners.push(listener);
  }

  private leaveAll(connection: RealtimeConnection): void {
    for (const room of [...connection.rooms]) this.leave(connection, room);
  }

  private emitLeft(event: MemberLeft): void {
    for (const listener of this.leftListeners) listener(event);
  }
}
