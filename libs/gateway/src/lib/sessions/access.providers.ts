import type { Provider } from '@nestjs/common';
import { CAP_OPTIONS, resolveCapOptions, type CapOptions } from '../caps/cap-options';
import { OpenRoomPolicy, ROOM_POLICY, type RoomPolicy } from '../guards/room-policy';
import { RoomPolicyGuard } from '../guards/room-policy.guard';
import {
  RATE_LIMIT_OPTIONS,
  resolveRateLimitOptions,
  type RateLimitOptions,
} from '../rate-limit/rate-limit-options';
import { REDIS_CLIENTS, type RedisClients } from '../redis/redis-clients';
import { LocalUserRevocationBus } from './local-user-revocation.bus';
import { RedisUserRevocationBus } from './redis-user-revocation.bus';
import { RevocationService } from './revocation.service';
import { ResumeTicketService } from './resume-ticket.service';
import { SessionExpiryService } from './session-expiry.service';
import { SessionGateway } from './session.gateway';
import { resolveSessionOptions, SESSION_OPTIONS, type SessionOptions } from './session-options';
import { USER_REVOCATION_BUS } from './user-revocation.bus';

/** The second argument of `PulseGatewayModule.forRoot`: who may connect, send, join, and for how long. */
export interface AccessOptions {
  /** Message and upgrade limits. @default see `RateLimitOptions` */
  readonly rateLimits?: Partial<RateLimitOptions>;
  /** Rooms per connection, sockets per user, room creations per user. @default see `CapOptions` */
  readonly caps?: Partial<CapOptions>;
  /** Session expiry and reauth. @default see `SessionOptions` */
  readonly sessions?: Partial<SessionOptions>;
  /** Who may join and publish to which room. @default OpenRoomPolicy (everyone, everywhere) */
  readonly roomPolicy?: RoomPolicy;
}

/** Providers of the access layer: limits, room policy, session expiry and revocation (over Redis when configured). */
export function accessProviders(access: AccessOptions): Provider[] {
  return [
    { provide: RATE_LIMIT_OPTIONS, useValue: resolveRateLimitOptions(access.rateLimits) },
    { provide: CAP_OPTIONS, useValue: resolveCapOptions(access.caps) },
    { provide: SESSION_OPTIONS, useValue: resolveSessionOptions(access.sessions) },
    { provide: ROOM_POLICY, useValue: access.roomPolicy ?? new OpenRoomPolicy() },
    {
      provide: USER_REVOCATION_BUS,
      useFactory: async (redis: RedisClients | null) => {
        if (!redis) return new LocalUserRevocationBus();
        const bus = new RedisUserRevocationBus(redis.command, redis.subscriber);
        await bus.start();
        return bus;
      },
      inject: [REDIS_CLIENTS],
    },
    RoomPolicyGuard,
    SessionExpiryService,
    ResumeTicketService,
    RevocationService,
    SessionGateway,
  ];
}

/** What the access layer exports to the app (guards and features resolve these). */
export const ACCESS_EXPORTS = [
  RATE_LIMIT_OPTIONS,
  CAP_OPTIONS,
  SESSION_OPTIONS,
  ROOM_POLICY,
  USER_REVOCATION_BUS,
  RoomPolicyGuard,
  SessionExpiryService,
  ResumeTicketService,
  RevocationService,
];
