import { KeyedTokenBuckets, monotonicClock, type Clock } from '@pulse/auth';
import { ErrorCode } from '@pulse/protocol';
import { ProtocolException } from '../errors/protocol.exception';
import type { CapOptions } from './cap-options';

/** What a join asks of the caps, read before anything about the room is created. */
export interface JoinRequest {
  readonly userId: string;
  /** Rooms the connection is in (or joining) already. */
  readonly roomsHeld: number;
  /** The room has a member on this node already, so joining it creates nothing here. */
  readonly roomExists: boolean;
}

/**
 * The room caps of `CapOptions`: rooms per connection, and a token bucket per user for rooms it brings into existence
 * on this node. Pure apart from the injected clock; a refusal is a `ProtocolException` with `LIMIT_EXCEEDED` (the
 * connection stays), and a refused join takes no token.
 */
export class RoomCaps {
  private readonly creations: KeyedTokenBuckets | null;

  constructor(
    private readonly options: CapOptions,
    now: Clock = monotonicClock,
  ) {
    const perMinute = options.roomCreationsPerMinute;
    this.creations =
      perMinute > 0
        ? new KeyedTokenBuckets(
            { capacity: perMinute, refillPerSecond: perMinute / 60, maxKeys: options.maxTrackedUsers },
            now,
          )
        : null;
  }

  /** Throws `LIMIT_EXCEEDED` when the join is over a cap; otherwise counts it (a creation takes a token). */
  admitJoin(join: JoinRequest): void {
    const maxRooms = this.options.maxRoomsPerConnection;
    if (maxRooms > 0 && join.roomsHeld >= maxRooms) {
      throw new ProtocolException(
        ErrorCode.LIMIT_EXCEEDED,
        `at most ${maxRooms} rooms per connection; leave one first`,
      );
    }
    if (join.roomExists || !this.creations || this.creations.take(join.userId)) return;
    const seconds = Math.max(1, Math.ceil(this.creations.msUntil(join.userId) / 1000));
    throw new ProtocolException(
      ErrorCode.LIMIT_EXCEEDED,
      `at most ${this.options.roomCreationsPerMinute} new rooms per minute; retry in ${seconds} s or join an existing room`,
    );
  }
}
