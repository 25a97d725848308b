import { WsException } from '@nestjs/websockets';
import type { ErrorCode } from '@pulse/protocol';

/** Throw from a handler or guard to answer with `{"type":"error","code":...}`; the socket stays open. */
export class ProtocolException extends WsException {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
