import { encodeMessage, type ServerMessage } from '@pulse/protocol';
import { textFrameOf } from '../transports/ws/text-frame';

/**
 * A server message shared by all its recipients: serialised and UTF-8 encoded at most once (native sockets
 * want bytes) and parsed at most once (Socket.IO wants the object), whichever side it started from.
 */
export class OutboundFrame {
  private wireValue: Buffer | undefined;
  private socketIoValue: string | undefined;

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

  /** The whole WebSocket text frame (header and UTF-8 payload), built once for every native socket it goes to. */
  get wireFrame(): Buffer {
    return (this.wireValue ??= textFrameOf(this.text));
  }

  /**
   * The Socket.IO EVENT packet (`2["type",{...}]`, default namespace) carrying the message, encoded once for every
   * Socket.IO client it goes to; the same text Socket.IO's encoder would produce from `emit(type, message)`.
   */
  get socketIoPacket(): string {
    return (this.socketIoValue ??= `2[${JSON.stringify(this.message.type)},${this.text}]`);
  }

  get message(): ServerMessage {
    return (this.messageValue ??= JSON.parse(this.textValue as string) as ServerMessage);
  }
}
