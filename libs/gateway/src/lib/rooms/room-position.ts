import { randomUUID } from 'node:crypto';

/** Where a member stands in a room's numbering: the epoch of what it was last sent, and the highest seq of it. */
export interface RoomPosition {
  /** Absent for a member that joined without an epoch (nothing to resume; only `seq` filters its events). */
  readonly epoch?: string;
  readonly seq: number;
}

/** What to do with a room event for one member: send it, skip it (already had), or resync the member first. */
export type Delivery = 'send' | 'skip' | 'resync';

/**
 * The one rule that keeps a socket's `seq` from going back: an event of the member's epoch is sent when its seq
 * is above the member's (no duplicate); an event of another epoch is never sent before a snapshot of that epoch
 * (a `resync`), because its seq means nothing in the numbering the member has. Unsequenced signals always go.
 */
export function deliveryOf(
  position: RoomPosition,
  event: { readonly seq: number; readonly epoch?: string },
): Delivery {
  if (event.seq === 0) return 'send';
  if (position.epoch !== undefined && event.epoch !== undefined && event.epoch !== position.epoch)
    return 'resync';
  return event.seq > position.seq ? 'send' : 'skip';
}

/**
 * The epochs this node numbers local-only events in while the shared log is away: one fresh epoch per room per
 * outage, so an event this node numbered can never be taken for the shared log's event of the same seq, here or
 * on a resume elsewhere. `end` forgets them when the shared log returns; the next outage gets new ones.
 */
export class OutageEpochs {
  private readonly epochs = new Map<string, string>();

  constructor(private readonly fresh: () => string = () => `local-${randomUUID().slice(0, 8)}`) {}

  /** The room's epoch for this outage, made on first use. */
  of(room: string): string {
    let epoch = this.epochs.get(room);
    if (epoch === undefined) {
      epoch = this.fresh();
      this.epochs.set(room, epoch);
    }
    return epoch;
  }

  forget(room: string): void {
    this.epochs.delete(room);
  }

  end(): void {
    this.epochs.clear();
  }
}
