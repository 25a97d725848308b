import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  CloseCode,
  encodeMessage,
  ErrorCode,
  type ServerMessage,
  type ServerMessageOf,
} from '@pulse/protocol';
import { CAP_OPTIONS, resolveCapOptions, type CapOptions } from '../caps/cap-options';
import { RoomCaps } from '../caps/room-caps';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { OutboundFrame } from '../dispatch/outbound-frame';
import { ProtocolException } from '../errors/protocol.exception';
import { ROOM_BUS, type RoomBus } from '../fanout/room-bus';
import { PulseMetrics } from '../metrics/pulse-metrics';
import type { RoomEvent } from '../fanout/room-event';
import { REDIS_CLIENTS, type RedisClients } from '../redis/redis-clients';
import { RoomMembership, type JoinOutcome, type LeaveOutcome } from './room-membership';
import { deliveryOf, OutageEpochs } from './room-position';

export interface MemberLeft {
  readonly room: string;
  readonly connection: RealtimeConnection;
  /** The user has no other connection in the room on this node. */
  readonly lastForUser: boolean;
  /** Set when the connection closed (the close code it ended with); unset for a `leave`. */
  readonly closeCode?: number;
}

type MemberLeftListener = (event: MemberLeft) => void;
type RoomEventListener = (room: string, event: RoomEvent) => void;

/** The room as a member should see it now, for a `resync` snapshot (for example the game store's snapshot). */
export type ResyncSource = (
  room: string,
  connection: RealtimeConnection,
) => Promise<ServerMessageOf<'snapshot'>>;

interface MemberState {
  /** Events that arrived while the member waited for its snapshot (join or resync); null once it has it. */
  pending: RoomEvent[] | null;
  joining: boolean;
  resyncing: boolean;
  /** The epoch of what the member was last sent (snapshot, replay or event); absent when its join had none. */
  epoch?: string;
  /** The highest seq the member has in `epoch`: events at or below it are not sent again. */
  seq: number;
  /** The count of Redis recoveries when the member was last sent a resync snapshot. */
  resyncedIn?: number;
}

/**
 * Local room membership and delivery. Room events reach every node through the `RoomBus`; this service
 * hands each to the node's members, skipping the connection that caused it. A joiner's deliveries wait for
 * its snapshot, so it sees no gap and no duplicate between the snapshot and live events.
 */
/** RFC 6455 1006: closed without a close frame. Never sent, only observed, so not one of the protocol's `CloseCode`s. */
const ABNORMAL_CLOSURE = 1006;

@Injectable()
export class RoomsService {
  private readonly log = new Logger('Rooms');
  private readonly membership = new RoomMembership<RealtimeConnection, MemberState>();
  private readonly leftListeners: MemberLeftListener[] = [];
  private readonly subscribed = new Set<string>();
  private readonly subscriptionWork = new Map<string, Promise<void>>();
  private readonly lastSeqs = new Map<string, number>();
  private readonly eventListeners: RoomEventListener[] = [];
  private readonly outageEpochs = new OutageEpochs();
  private resyncSource?: ResyncSource;
  /** How many times Redis came back after a loss. */
  private recoveries = 0;
  private readonly caps: RoomCaps;

  constructor(
    registry: ConnectionRegistry,
    @Inject(ROOM_BUS) private readonly bus: RoomBus,
    @Optional() private readonly metrics?: PulseMetrics,
    @Optional() @Inject(REDIS_CLIENTS) redis?: RedisClients | null,
    @Optional() @Inject(CAP_OPTIONS) caps?: CapOptions,
  ) {
    this.caps = new RoomCaps(caps ?? resolveCapOptions());
    if (metrics) this.registerGauges(metrics);
    // A transport that saw no close frame reports none: RFC 6455's 1006, a dropped connection.
    registry.onClose((connection, closeCode) => this.leaveAll(connection, closeCode ?? ABNORMAL_CLOSURE));
    bus.onEvent((room, event) => this.deliver(room, event));
    redis?.onRecovered(() => {
      this.outageEpochs.end();
      this.recoveries++;
    });
  }

  /**
   * Adds the connection to the room; its deliveries are held until `completeJoin`. This is where a room comes into
   * existence on a node, so the room caps are checked here, before anything is created: over one it throws
   * `LIMIT_EXCEEDED` and nothing changed.
   */
  async beginJoin(connection: RealtimeConnection, room: string): Promise<JoinOutcome> {
    if (!this.membership.isMember(connection, room)) {
      this.caps.admitJoin({
        userId: connection.user.id,
        roomsHeld: connection.rooms.size,
        roomExists: this.membership.members(room).size > 0,
      });
    }
    const outcome = this.membership.join(connection, room, {
      pending: [],
      joining: true,
      resyncing: false,
      seq: 0,
    });
    if (!outcome.alreadyMember) {
      connection.rooms.add(room);
      connection.joined?.(room);
    }
    await this.syncSubscription(room);
    return outcome;
  }

  /**
   * The member has the room up to `seq` in `epoch` (a snapshot, or a replay that ended there): sends what arrived
   * meanwhile and is newer, then delivers live. A held event of another epoch gets the member a `resync` first.
   */
  completeJoin(connection: RealtimeConnection, room: string, seq: number, epoch?: string): void {
    const state = this.membership.stateOf(connection, room);
    if (!state) return;
    state.joining = false;
    state.epoch = epoch;
    state.seq = Math.max(state.seq, seq);
    if (seq > this.lastSeq(room)) this.lastSeqs.set(room, seq);
    this.release(connection, room, state, 'resync');
  }

  /** Where a member's resync snapshots come from; without one, a member that needs a resync is closed to resume. */
  setResyncSource(source: ResyncSource): void {
    this.resyncSource = source;
  }

  /**
   * Sends the member a snapshot with `resync: true` from the resync source, holding live events meanwhile, then
   * releases those that follow it. Its position becomes the snapshot's epoch and seq, so the member's `seq` may go
   * back here and only here. A member still joining is left alone (its join ends with a snapshot of its own), and
   * with `oncePerRecovery` so is one already resynced since Redis last came back.
   */
  async resync(
    connection: RealtimeConnection,
    room: string,
    options: { oncePerRecovery?: boolean } = {},
  ): Promise<void> {
    const state = this.membership.stateOf(connection, room);
    if (!state || state.joining || state.resyncing) return;
    if (options.oncePerRecovery && state.resyncedIn === this.recoveries) return;
    state.resyncing = true;
    state.pending ??= [];
    try {
      if (!this.resyncSource) throw new Error('no resync source');
      const snapshot = await this.resyncSource(room, connection);
      if (this.membership.stateOf(connection, room) !== state) return;
      connection.send({ ...snapshot, resync: true });
      state.epoch = snapshot.epoch;
      state.seq = snapshot.seq;
      state.resyncedIn = this.recoveries;
    } catch (error) {
      this.log.warn({
        msg: 'resync failed; closing the connection so that it resumes',
        room,
        err: (error as Error).message,
      });
      state.pending = null;
      connection.close(CloseCode.INTERNAL_ERROR, 'resync failed');
      return;
    } finally {
      state.resyncing = false;
    }
    this.release(connection, room, state, 'drop');
  }

  /** `closeCode`: the connection closed with it (see `MemberLeft.closeCode`); unset for a `leave`. */
  leave(connection: RealtimeConnection, room: string, closeCode?: number): LeaveOutcome {
    const outcome = this.membership.leave(connection, room);
    if (connection.rooms.delete(room)) connection.left?.(room);
    if (!outcome.wasMember) return outcome;
    if (this.membership.members(room).size === 0) {
      this.lastSeqs.delete(room);
      this.outageEpochs.forget(room);
    }
    void this.syncSubscription(room).catch((error: Error) =>
      this.log.warn({ msg: 'unsubscribe failed', room, err: error.message }),
    );
    for (const listener of this.leftListeners)
      listener({
        room,
        connection,
        lastForUser: outcome.lastForUser,
        ...(closeCode !== undefined ? { closeCode } : {}),
      });
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

  /**
   * Publishes an unsequenced signal (typing, cursor, ...) to the room on every node, encoded once. A sequenced event
   * goes through the `SequencedRoom` port, which numbers, logs and publishes it.
   */
  publish(room: string, message: ServerMessage, options: { exceptId?: string } = {}): Promise<void> {
    return this.bus.publish(room, { seq: 0, except: options.exceptId, frame: encodeMessage(message) });
  }

  /**
   * Delivers an unsequenced signal to this node's members only, bypassing the bus: for degraded mode, when the
   * shared bus is down.
   */
  deliverLocal(room: string, message: ServerMessage, options: { exceptId?: string } = {}): void {
    this.deliver(room, { seq: 0, except: options.exceptId, frame: encodeMessage(message) });
  }

  /**
   * Numbers a sequenced event and delivers it to this node's members only, for degraded mode (the shared log is
   * away). It gets the next seq this node knows of in the room, in this node's epoch for the room during this outage
   * (see `OutageEpochs`), so it can never be taken for the shared log's event of that seq: each member is sent a
   * `resync` snapshot of that epoch first (from the resync source, which reads `outageEpoch` and `lastSeq`), and a
   * resume from it after the outage gets a `resync` too. Returns the seq.
   */
  deliverDegraded(room: string, message: (seq: number) => ServerMessage, exceptId?: string): number {
    const seq = this.lastSeq(room) + 1;
    this.deliver(room, {
      seq,
      epoch: this.outageEpochs.of(room),
      except: exceptId,
      frame: encodeMessage(message(seq)),
    });
    return seq;
  }

  /** This node's epoch for the room's local-only events during the current outage (made on first use). */
  outageEpoch(room: string): string {
    return this.outageEpochs.of(room);
  }

  /** The highest seq this node has delivered in the room (0 when none), whatever its epoch. */
  lastSeq(room: string): number {
    return this.lastSeqs.get(room) ?? 0;
  }

  /** Called with every event delivered to this node's members of a room (once per event, before the members). */
  onEvent(listener: RoomEventListener): void {
    this.eventListeners.push(listener);
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

  /** `pulse_rooms` and `pulse_room_members`, read when the registry is scraped. */
  private registerGauges(metrics: PulseMetrics): void {
    const membership = this.membership;
    new Gauge({
      name: 'pulse_rooms',
      help: 'Rooms with at least one member on this node',
      registers: [metrics.registry],
      collect() {
        this.set(membership.roomNames().length);
      },
    });
    new Gauge({
      name: 'pulse_room_members',
      help: 'Room memberships on this node (a connection in two rooms counts twice)',
      registers: [metrics.registry],
      collect() {
        let members = 0;
        for (const room of membership.roomNames()) members += membership.members(room).size;
        this.set(members);
      },
    });
  }

  private deliver(room: string, event: RoomEvent): void {
    const members = this.membership.members(room);
    if (members.size === 0) return;
    if (event.seq > this.lastSeq(room)) this.lastSeqs.set(room, event.seq);
    for (const listener of this.eventListeners) listener(room, event);
    const started = this.metrics ? performance.now() : 0;
    const frame = OutboundFrame.fromTrustedText(event.frame);
    let sent = 0;
    for (const [member, state] of members) {
      if (member.id === event.except) continue;
      if (state.pending) {
        state.pending.push(event);
        continue;
      }
      const delivery = deliveryOf(state, event);
      if (delivery === 'send') {
        this.sendTo(member, state, event, frame);
        sent++;
      } else if (delivery === 'resync') {
        state.pending = [event];
        void this.resync(member, room);
      }
    }
    if (this.metrics) {
      this.metrics.deliveries.add(sent);
      this.metrics.fanoutSeconds.observe((performance.now() - started) / 1000);
    }
  }

  /**
   * Sends the held events that follow the member's position. One of another epoch, after a join, waits for a resync
   * (it may be newer than the snapshot); after a resync it is dropped (it arrived before that snapshot was read, so
   * the snapshot is the later state, and resyncing again for it could go on for ever).
   */
  private release(
    connection: RealtimeConnection,
    room: string,
    state: MemberState,
    otherEpoch: 'resync' | 'drop',
  ): void {
    const held = state.pending ?? [];
    state.pending = null;
    for (let i = 0; i < held.length; i++) {
      const event = held[i];
      const delivery = deliveryOf(state, event);
      if (delivery === 'resync' && otherEpoch === 'drop') continue;
      if (delivery === 'resync') {
        state.pending = held.slice(i);
        void this.resync(connection, room);
        return;
      }
      if (delivery === 'send')
        this.sendTo(connection, state, event, OutboundFrame.fromTrustedText(event.frame));
    }
  }

  private sendTo(
    connection: RealtimeConnection,
    state: MemberState,
    event: RoomEvent,
    frame: OutboundFrame,
  ): void {
    connection.sendFrame(frame);
    if (event.seq > 0 && state.epoch !== undefined) state.seq = event.seq;
  }

  private leaveAll(connection: RealtimeConnection, closeCode: number): void {
    for (const room of [...connection.rooms]) this.leave(connection, room, closeCode);
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
