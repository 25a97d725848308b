import { Injectable, type ExecutionContext } from '@nestjs/common';
import { connectionOf } from '../connection/connection-of';
import { BeforeHandleInterceptor } from '../dispatch/handlers/before-handle';

/**
 * The provider token of the interceptor `PulseGatewayModule` applies to every gateway handler (as an
 * `APP_INTERCEPTOR`): `HeartbeatInterceptor` unless `forRoot(..., { heartbeatInterceptor })` names another.
 */
export const HEARTBEAT_INTERCEPTOR = Symbol('PULSE_HEARTBEAT_INTERCEPTOR');

/**
 * Counts every message that reaches a handler as a sign of life, so a busy socket is never terminated while
 * its pong waits behind its own messages (`HeartbeatService` terminates a connection with no sign of life since
 * its previous ping). PulseAdapter runs it in place before the guards (a message a guard refuses is still a sign
 * of life); on Nest's own path it runs after them, like any interceptor. Outside a Pulse connection (HTTP, Nest's
 * own adapters) it does nothing.
 */
@Injectable()
export class HeartbeatInterceptor extends BeforeHandleInterceptor {
  beforeHandle(context: ExecutionContext): void {
    if (context.getType() === 'ws') connectionOf(context.switchToWs().getClient())?.markAlive();
  }
}
