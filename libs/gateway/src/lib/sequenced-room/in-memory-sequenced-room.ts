import type { ServerMessage } from '@pulse/protocol';
import type { RoomBus } from '../fanout/room-bus';
import { InMemoryRoomHistory } from '../history/in-memory-room.history';
import type { RoomsService } from '../rooms/rooms.service';
import { sequencedFrame, sequencedFrameHead } from './sequenced-frame';
import type { RoomEventDraft, SequencePosition, SequencedRoom, StateChange } from './sequenced-room';

/**
 * One node's room sequences: a counter per room, the node's `InMemoryRoomHistory` and its bus. Numbering, the state
 * change, the log append and the hand-off to the bus are one synchronous step, so no other event of the room can come
 * between them. The epoch is the room log's (a new process, or a forgotten room, is a new epoch).
 */
export class InMemorySequencedRoom implements SequencedRoom {
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly bus: RoomBus,
    readonly history: InMemoryRoomHistory = new InMemoryRoomHistory(),
    private readonly rooms?: RoomsService,
  ) {}

  append(room: string, event: RoomEventDraft, change?: StateChange): Promise<number | null> {
    if (change && !change.inMemory && change.redis)
      throw new Error('this state change has no in-memory form (StateChange.inMemory)');
    const seq = this.lastSeq(room) + 1;
    if (change?.inMemory?.(seq) === false) return Promise.resolve(null);
    this.seqs.set(room, seq);
    const frame = sequencedFrame(sequencedFrameHead(event.message), seq);
    this.history.append(room, { seq, frame });
    return this.bus.publish(room, { seq, except: event.except, frame }).then(() => seq);
  }

  async position(room: string): Promise<SequencePosition> {
    return this.positionNow(room);
  }

  /** The position now, synchronously: for a snapshot taken in the same step as the state it describes. */
  positionNow(room: string): SequencePosition {
    return { seq: this.lastSeq(room), epoch: this.history.epochNow(room) };
  }

  appendLocally(room: string, event: RoomEventDraft): number {
    if (!this.rooms) throw new Error('appendLocally needs the RoomsService');
    const message = event.message;
    return this.rooms.deliverDegraded(room, (seq) => ({ ...message, seq }) as ServerMessage, event.except);
  }

  /** Forgets a room that went idle: its sequence starts again at 1, in a new epoch, so resuming clients resync. */
  forget(room: string): void {
    this.seqs.delete(room);
    this.history.forget(room);
  }

  private lastSeq(room: string): number {
    return this.seqs.get(room) ?? 0;
  }
}
