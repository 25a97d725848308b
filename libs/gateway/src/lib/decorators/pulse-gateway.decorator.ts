import { applyDecorators, UseFilters, UseInterceptors } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { PulsePaths } from '@pulse/protocol';
import { ProtocolExceptionFilter } from '../errors/protocol-exception.filter';
import { LivenessInterceptor } from '../heartbeat/liveness.interceptor';

/**
 * Marks a class as a Pulse gateway: its handlers serve the native transport at `/ws`, errors become protocol
 * `error` messages, and every message counts as a sign of life. Add your own guards with `@UseGuards`.
 */
export function PulseGateway(): ClassDecorator {
  return applyDecorators(
    WebSocketGateway({ path: PulsePaths.websocket }),
    UseFilters(ProtocolExceptionFilter),
    UseInterceptors(LivenessInterceptor),
  );
}
