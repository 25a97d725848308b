import { encodeMessage, type ServerMessage } from '@pulse/protocol';

/** A server message with its encoding done once, however many sockets it goes to. */
export class OutboundFrame {
  private encoded?: string;

  constructor(readonly message: ServerMessage) {}

  get text(): string {
    return (this.encoded ??= encodeMessage(this.message));
  }
}
