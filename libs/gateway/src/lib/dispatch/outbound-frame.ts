import { encodeMessage, type ServerMessage } from '@pulse/protocol';

/**
 * A server message shared by all its recipients: encoded at most once (native sockets want text) and
 * parsed at most once (Socket.IO wants the object), whichever side it started from.
 */
export class OutboundFrame {
  private constructor(
    private messageValue: ServerMessage | undefined,
    private textValue: string | undefined,
  ) {}

  static of(message: ServerMessage): OutboundFrame {
    return new OutboundFrame(message, undefined);
  }

  /** From text the server itself encoded (for example an event relayed through Redis). */
  static fromTrustedText(text: string): OutboundFrame {
    return new OutboundFrame(undefined, text);
  }

  get text(): string {
    return (this.textValue ??= encodeMessage(this.message));
  }

  get message(): ServerMessage {
    return (this.messageValue ??= JSON.parse(this.textValue as string) as ServerMessage);
  }
}
