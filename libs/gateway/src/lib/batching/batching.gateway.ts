import { MessageBody } from '@nestjs/websockets';
import { ErrorCode, type ClientMessageOf } from '@pulse/protocol';
import { Conn } from '../connection/conn.decorator';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { OnMessage } from '../decorators/on-message.decorator';
import { PulseGateway } from '../decorators/pulse-gateway.decorator';
import { ProtocolException } from '../errors/protocol.exception';

/** `batching`: a connection opts in to (or out of) one frame per tick. */
@PulseGateway()
export class BatchingGateway {
  @OnMessage('batching')
  batching(
    @MessageBody() message: ClientMessageOf<'batching'>,
    @Conn() connection: RealtimeConnection,
  ): void {
    if (!connection.setBatching(message.hz)) {
      throw new ProtocolException(
        ErrorCode.INVALID_MESSAGE,
        `batching is not available over ${connection.transport}; use the native WebSocket transport`,
      );
    }
  }
}
