import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { encodeMessage, ErrorCode, type ServerMessage } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { OutboundFrame } from '../dispatch/outbound-frame';
import { ProtocolException } from '../errors/protocol.exception';
import { ROOM_BUS, type RoomBus } from '../fanout/room-bus';
import { PulseMetrics } from '../metrics/pulse-metrics';
import type { RoomEvent } from '../fanout/room-event';
import { RoomMembership, type JoinOutcome, type LeaveOutcome } from './room-membership';

export interface MemberLeft {
  readonly room: string;
  readonly connection: RealtimeConnection;
  /** The user has no other connection in the room on this node. */
  readonly lastForUser: boolean;
}

type MemberLeftListener = (event: MemberLeft) => void;

interface MemberState {
  /** Events that arrived while the member waited for its snapshot; null once it has it. */
  pending: RoomEvent[] | null;
  /** The snapshot's seq: sequenced events at or below it are already in the snapshot. */
  snapshotSeq: number;
}

/**
 * Local room membership and delivery. Room events reach every node through the `RoomBus`; this service
 * hands each to the node's members, skipping the connection that caused it. A joiner's deliveries wait for
 * its snapshot, so it sees no gap and no duplicate between the snapshot and live events.
 */
@Injectable()
export class RoomsService {
  private readonly log = new Logger('Rooms');
  private readonly membership = new RoomMembership<RealtimeConnection, MemberState>();
  private readonly leftListeners: MemberLeftListener[] = [];
  private readonly subscribed = new Set<string>();
  private readonly subscriptionWork = new Map<string, Promise<void>>();
  private readonly lastSeqs = new Map<string, number>();

  constructor(
    registry: ConnectionRegistry,
    @Inject(ROOM_BUS) private readonly bus: RoomBus,
    @Optional() private readonly metrics?: PulseMetrics,
  ) {
    registry.onClose((connection) => this.leaveAll(connection));
    bus.onEvent((room, event) => this.deliver(room, event));
  }

  /** Adds the connection to the room; its deliveries are held until `completeJoin`. */
  async beginJoin(connection: RealtimeConnection, room: string): Promise<JoinOutcome> {
    const outcome = this.membership.join(connection, room, { pending: [], snapshotSeq: 0 });
    if (!outcome.alreadyMember) connection.rooms.add(room);
    await this.syncSubscription(room);
    return outcome;
  }

  /** Sends what arrived after the snapshot at `snapshotSeq`, then delivers live. */
  completeJoin(connection: RealtimeConnection, room: string, snapshotSeq: number): void {
    const state = this.membership.stateOf(connection, room);
    if (!state) return;
    const held = state.pending ?? [];
    state.pending = null;
    state.snapshotSeq = Math.max(state.snapshotSeq, snapshotSeq);
    for (const event of held) {
      if (event.seq === 0 || event.seq > state.snapshotSeq) connection.sendFrame(OutboundFrame.fromTrustedText(event.frame));
    }
  }

  leave(connection: RealtimeConnection, room: string): LeaveOutcome {
    const outcome = this.membership.leave(connection, room);
    connection.rooms.delete(room);
    if (!outcome.wasMember) return outcome;
    if (this.membership.members(room).size === 0) this.lastSeqs.delete(room);
    void this.syncSubscription(room).catch((error: Error) => this.log.warn({ msg: 'unsubscribe failed', room, err: error.message }));
    for (const listener of this.leftListeners) listener({ room, connection, lastForUser: outcome.lastForUser });
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

  /** Publishes an event to the room on every node, encoded once. `seq` 0 marks an unsequenced signal. */
  publish(room: string, message: ServerMessage, options: { seq?: number; exceptId?: string } = {}): Promise<void> {
    return this.bus.publish(room, { seq: options.seq ?? 0, except: options.exceptId, frame: encodeMessage(message) });
  }

  /**
   * Delivers to this node's members only, bypassing the bus: for degraded mode, when the shared bus is down.
   */
  deliverLocal(room: string, message: ServerMessage, options: { seq?: number; exceptId?: string } = {}): void {
    this.deliver(room, { seq: options.seq ?? 0, except: options.exceptId, frame: encodeMessage(message) });
  }

  /** The highest seq this node has delivered in the room (0 when none). */
  lastSeq(room: string): number {
    return this.lastSeqs.get(room) ?? 0;
  }

  /** After a resync snapshot: the member's filter starts from that snapshot, even if seq went backwards. */
  resetSnapshotSeq(connection: RealtimeConnection, room: string, seq: number): void {
    const state = this.membership.stateOf(connection, room);
    if (state && !state.pending) state.snapshotSeq = seq;
    this.lastSeqs.set(room, seq);
  }

  /** This node's members of the room. */
  localMembers(room: string): Iterable<RealtimeConnection> {
    return this.membership.members(room).keys();
  }

  localRooms(): string[] {
    return this.membership.roomNames();
  }

  onMemberLeft(listener: MemberLeftListener): void {
    this.leftListeners.push(listener);
  }

  private deliver(room: string, event: RoomEvent): void {
    const members = this.membership.members(room);
    if (members.size === 0) return;
    if (event.seq > this.lastSeq(room)) this.lastSeqs.set(room, event.seq);
    const started = this.metrics ? performance.now() : 0;
    const frame = OutboundFrame.fromTrustedText(event.frame);
    let sent = 0;
    for (const [member, state] of members) {
      if (member.id === event.except) continue;
      if (state.pending) state.pending.push(event);
      else if (event.seq === 0 || event.seq > state.snapshotSeq) {
        member.sendFrame(frame);
        sent++;
      }
    }
    if (this.metrics) {
      this.metrics.deliveries.add(sent);
      this.metrics.fanoutSeconds.observe((performance.now() - started) / 1000);
    }
  }

  private leaveAll(connection: RealtimeConnection): void {
    for (const room of [...connection.rooms]) this.leave(connection, room);
  }

  /** Subscribes while the room has local members and unsubscribes after; one operation per room at a time. */
  private syncSubscription(room: string): Promise<void> {
    const previous = this.subscriptionWork.get(room) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const wanted = this.membership.members(room).size > 0;
        if (wanted && !this.subscribed.has(room)) {
          await this.bus.subscribe(room);
          this.subscribed.add(room);
        } else if (!wanted && this.subscribed.has(room)) {
          this.subscribed.delete(room);
          await this.bus.unsubscribe(room);
        }
      });
    this.subscriptionWork.set(room, next);
    const forget = () => {
      if (this.subscriptionWork.get(room) === next) this.subscriptionWork.delete(room);
    };
    next.then(forget, forget);
    return next;
  }
}
