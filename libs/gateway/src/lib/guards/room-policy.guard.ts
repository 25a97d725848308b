import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@pulse/protocol';
import { connectionOf } from '../connection/connection-of';
import { ProtocolException } from '../errors/protocol.exception';
import { OpenRoomPolicy, ROOM_POLICY, type RoomPolicy } from './room-policy';

/** Messages that never need the policy's consent: leaving is always allowed. */
const ALWAYS_ALLOWED = new Set(['leave']);

/**
 * Applies the `RoomPolicy` to every message addressed to a room, on every `@PulseGateway()`, for both transports.
 * A refusal is an `error` with `FORBIDDEN` carrying the message's id; the socket stays.
 */
@Injectable()
export class RoomPolicyGuard implements CanActivate {
  private readonly policy: RoomPolicy;

  constructor(@Optional() @Inject(ROOM_POLICY) policy?: RoomPolicy | null) {
    this.policy = policy ?? new OpenRoomPolicy();
  }

  /** Synchronous unless the policy answers with a promise: no promise per message for a synchronous policy. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'ws') return true;
    const ws = context.switchToWs();
    const connection = connectionOf(ws.getClient());
    const message: unknown = ws.getData();
    if (!connection || typeof message !== 'object' || message === null) return true;
    const { type, room } = message as { type?: unknown; room?: unknown };
    if (typeof type !== 'string' || typeof room !== 'string' || ALWAYS_ALLOWED.has(type)) return true;
    const allowed =
      type === 'join'
        ? this.policy.canJoin(connection.user, room)
        : this.policy.canPublish(connection.user, room, type);
    return typeof allowed === 'boolean' ? consent(allowed) : Promise.resolve(allowed).then(consent);
  }
}

function consent(allowed: boolean): true {
  if (!allowed) throw new ProtocolException(ErrorCode.FORBIDDEN, 'not allowed in this room');
  return true;
}
