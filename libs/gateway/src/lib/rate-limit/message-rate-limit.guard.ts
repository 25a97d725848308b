import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { TokenBucket } from '@pulse/auth';
import { ErrorCode } from '@pulse/protocol';
import { connectionOf } from '../connection/connection-of';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { ProtocolException } from '../errors/protocol.exception';

export interface MessageRateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * One handler's own budget per connection, on top of the connection-wide one. Over it, the message is answered
 * with `RATE_LIMITED` and not handled; the socket stays. Made by `@RateLimit()`, one instance per decorated handler.
 */
export class MessageRateLimitGuard implements CanActivate {
  private readonly buckets = new WeakMap<RealtimeConnection, TokenBucket>();

  constructor(private readonly limit: MessageRateLimit) {
    new TokenBucket({ capacity: limit.burst, refillPerSecond: limit.perSecond });
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'ws') return true;
    const connection = connectionOf(context.switchToWs().getClient());
    if (!connection) return true;
    let bucket = this.buckets.get(connection);
    if (!bucket) {
      bucket = new TokenBucket({ capacity: this.limit.burst, refillPerSecond: this.limit.perSecond });
      this.buckets.set(connection, bucket);
    }
    if (!bucket.take())
      throw new ProtocolException(ErrorCode.RATE_LIMITED, 'too many messages of this type; slow down');
    return true;
  }
}
