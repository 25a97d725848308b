import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { PulsePaths } from '@pulse/protocol';
import { ProtocolExceptionFilter } from '../errors/protocol-exception.filter';
import { RoomPolicyGuard } from '../guards/room-policy.guard';
import { LivenessInterceptor } from '../heartbeat/liveness.interceptor';

/**
 * Marks a class as a Pulse gateway: its handlers serve the native transport at `/ws`, errors become protocol
 * `error` messages, every message counts as a sign of life, and the `RoomPolicy` decides room messages. Add your
 * own guards with `@UseGuards` (or `@Roles()`).
 */
export function PulseGateway(): ClassDecorator {
  return applyDecorators(
    WebSocketGateway({ path: PulsePaths.websocket }),
    UseFilters(ProtocolExceptionFilter),
    UseGuards(RoomPolicyGuard),
    UseInterceptors(LivenessInterceptor),
  );
}
