import { UseGuards } from '@nestjs/common';
import { MessageRateLimitGuard } from './message-rate-limit.guard';

/**
 * Gives a message handler its own budget per connection: `perSecond` sustained, bursts of `burst`
 * (twice the rate unless given). Over it, the sender gets `RATE_LIMITED` and keeps the socket.
 *
 * ```ts
 * @OnMessage('chat')
 * @RateLimit(2, 5)
 * say(...) {}
 * ```
 */
export function RateLimit(perSecond: number, burst = perSecond * 2): MethodDecorator {
  return UseGuards(new MessageRateLimitGuard({ perSecond, burst }));
}
