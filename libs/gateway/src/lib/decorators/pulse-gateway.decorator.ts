import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { PulsePaths } from '@pulse/protocol';
import { ProtocolExceptionFilter } from '../errors/protocol-exception.filter';
import { RoomPolicyGuard } from '../guards/room-policy.guard';

/**
 * Marks a class as a Pulse gateway: its handlers serve the native transport at `/ws`, errors become protocol
 * `error` messages, and the `RoomPolicy` decides room messages. Add your own guards with `@UseGuards` (or
 * `@Roles()`). A message that reaches its handler counts as a sign of life (`HeartbeatInterceptor`, applied by
 * `PulseGatewayModule` to every gateway).
 */
export function PulseGateway(): ClassDecorator {
  return applyDecorators(
    WebSocketGateway({ path: PulsePaths.websocket }),
    UseFilters(ProtocolExceptionFilter),
    UseGuards(RoomPolicyGuard),
  );
}
