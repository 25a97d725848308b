import type { ServerMessage } from '@pulse/protocol';
import { roomKey } from '../fanout/room-event';
import { DEFAULT_ROOM_IDLE_EXPIRY_MS, type HistoryLimits } from '../history/room-history';
import { whileReady } from '../redis/ready-redis';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { withTimeout } from '../redis/with-timeout';
import type { RedisClient } from '../redis/redis-target';
import type { ReplicaAcks } from '../redis/replica-acks';
import type { RoomsService } from '../rooms/rooms.service';
import {
  NO_CHANGE,
  RedisRoomScript,
  SEQUENCE_KEY_SUFFIXES,
  sequenceContext,
  type RoomKeys,
  type SequenceContext,
} from './redis-room-script';
import { sequencedFrameHead } from './sequenced-frame';
import type { RoomEventDraft, SequencePosition, SequencedRoom, StateChange } from './sequenced-room';

export interface RedisSequencedRoomOptions {
  /** Publish with SPUBLISH (Redis Cluster sharded pub/sub). @default false */
  readonly shardedPubSub: boolean;
  /** Limits of each room's log, and how long an idle room's keys live. */
  readonly history: HistoryLimits;
  /**
   * Replicas of the room's primary that must have an event before it counts as appended (`WAIT`, pipelined behind
   * the script): a failover then cannot lose an acknowledged event. @default none
   */
  readonly replicaAcks?: ReplicaAcks;
}

/**
 * How long a room script may go unanswered, beyond its replicas' `WAIT`, before it is reported unavailable. A
 * cluster client can hold a command for a primary that was just killed until its slot map catches up; the sender
 * gets an answer (and retries) instead of none. Like a replica-ack timeout, the script may still have run.
 */
export const ROOM_SCRIPT_ANSWER_TIMEOUT_MS = 3000;

const POSITION = new RedisRoomScript({ lua: 'local seq, epoch = position()\nreturn {seq, epoch}' });

/**
 * Room sequences shared by every node: each event is one Lua script on the room's slot (the library's numbering, log
 * append, idle expiry, epoch and publish, composed with the feature's state change), so every node sees a room's
 * events in `seq` order, and the change, the seq and the publish are one atomic step in one round trip. A Redis that
 * is not ready is reported as `StoreUnavailableError` (degraded mode, or `UNAVAILABLE`).
 */
export class RedisSequencedRoom implements SequencedRoom {
  private readonly context: Omit<SequenceContext, 'epoch'>;
  private readonly replicaAcks: ReplicaAcks | undefined;

  constructor(
    private readonly redis: RedisClient,
    options: RedisSequencedRoomOptions,
    private readonly rooms?: RoomsService,
  ) {
    this.context = {
      publish: options.shardedPubSub ? 'SPUBLISH' : 'PUBLISH',
      maxEvents: options.history.maxEvents,
      maxAgeMs: options.history.maxAgeMs,
      idleMs: options.history.roomIdleExpiryMs ?? DEFAULT_ROOM_IDLE_EXPIRY_MS,
    };
    this.replicaAcks = options.replicaAcks;
  }

  /** How long a room's keys live past its last activity. */
  get idleMs(): number {
    return this.context.idleMs;
  }

  async append(room: string, event: RoomEventDraft, change?: StateChange): Promise<number | null> {
    if (change && !change.redis && change.inMemory)
      throw new Error('this state change has no Redis form (StateChange.redis)');
    const script = change?.redis?.change ?? NO_CHANGE;
    const head = sequencedFrameHead(event.message);
    const seq = (await this.runScript(
      script,
      room,
      [head, event.except ?? '', ...(change?.redis?.args ?? [])],
      this.replicaAcks,
    )) as number;
    return seq < 0 ? null : seq;
  }

  async position(room: string): Promise<SequencePosition> {
    const [seq, epoch] = (await this.runScript(POSITION, room, [], undefined)) as [number, string];
    return { seq, epoch };
  }

  appendLocally(room: string, event: RoomEventDraft): number {
    if (!this.rooms) throw new Error('appendLocally needs the RoomsService');
    const message = event.message;
    return this.rooms.deliverDegraded(room, (seq) => ({ ...message, seq }) as ServerMessage, event.except);
  }

  /** Runs a feature's own room script (`RedisRoomScript`) with its arguments; resolves to what its Lua returned. */
  run(script: RedisRoomScript, room: string, args: readonly (string | number)[]): Promise<unknown> {
    return this.runScript(script, room, args, this.replicaAcks);
  }

  private runScript(
    script: { readonly script: RedisRoomScript['script']; readonly keys: RoomKeys },
    room: string,
    args: readonly (string | number)[],
    acks: ReplicaAcks | undefined,
  ): Promise<unknown> {
    const keys = roomScriptKeys(room, script.keys);
    const answered = whileReady(this.redis, () =>
      script.script.run(this.redis, keys, [sequenceContext(this.context), room, ...args], acks),
    );
    const timeoutMs = (acks?.timeoutMs ?? 0) + ROOM_SCRIPT_ANSWER_TIMEOUT_MS;
    return withTimeout(
      answered,
      timeoutMs,
      () => new StoreUnavailableError(`room ${room} not answered within ${timeoutMs} ms`),
    );
  }
}

/** KEYS of a room script: the sequence's own, then the feature's in declaration order; all in the room's slot. */
function roomScriptKeys(room: string, keys: RoomKeys): string[] {
  const all = SEQUENCE_KEY_SUFFIXES.map((suffix) => roomKey(room, suffix));
  for (const suffix of Object.values(keys)) all.push(roomKey(room, suffix));
  return all;
}
