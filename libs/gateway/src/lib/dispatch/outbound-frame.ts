import { encodeBinaryMessage, encodeMessage, type ServerMessage, type WireEncoding } from '@pulse/protocol';
import { binaryFrameOf, textFrameOf } from '../transports/ws/text-frame';

/** MessagePack's header of the map `{type: 'batch', messages: [...]}` up to the array's own header. */
const BATCH_HEAD = encodeBinaryMessage({ type: 'batch', messages: [] }).subarray(0, -1);

/**
 * A server message shared by all its recipients: serialised and encoded at most once per encoding (native sockets
 * want bytes: a JSON text frame, or a MessagePack binary frame for `pulse.v1.msgpack` clients) and parsed at most
 * once (Socket.IO wants the object), whichever side it started from.
 */
export class OutboundFrame {
  private wireValue: Buffer | undefined;
  private binaryValue: Uint8Array | undefined;
  private binaryWireValue: Buffer | undefined;
  private socketIoValue: string | undefined;

  private constructor(
    private messageValue: ServerMessage | undefined,
    private textValue: string | undefined,
    /** A `batch` of these frames, encoded from their own encodings. */
    private readonly parts?: readonly OutboundFrame[],
  ) {}

  static of(message: ServerMessage): OutboundFrame {
    return new OutboundFrame(message, undefined);
  }

  /** From text the server itself encoded (for example an event relayed through Redis). */
  static fromTrustedText(text: string): OutboundFrame {
    return new OutboundFrame(undefined, text);
  }

  /** One `batch` message carrying `frames`, in order; each encoding is built from the frames' own. */
  static batchOf(frames: readonly OutboundFrame[]): OutboundFrame {
    return new OutboundFrame(undefined, undefined, frames);
  }

  get text(): string {
    return (this.textValue ??= this.parts ? batchText(this.parts) : encodeMessage(this.message));
  }

  /** The whole WebSocket text frame (header and UTF-8 payload), built once for every native socket it goes to. */
  get wireFrame(): Buffer {
    return (this.wireValue ??= textFrameOf(this.text));
  }

  /** The message's MessagePack encoding. */
  get binary(): Uint8Array {
    return (this.binaryValue ??= this.parts ? batchBinary(this.parts) : encodeBinaryMessage(this.message));
  }

  /** The whole WebSocket binary frame of `binary`, built once for every `pulse.v1.msgpack` socket it goes to. */
  get binaryWireFrame(): Buffer {
    return (this.binaryWireValue ??= binaryFrameOf(this.binary));
  }

  /** The frame a native socket of `encoding` gets. */
  wireFrameFor(encoding: WireEncoding): Buffer {
    return encoding === 'msgpack' ? this.binaryWireFrame : this.wireFrame;
  }

  /**
   * The Socket.IO EVENT packet (`2["type",{...}]`, default namespace) carrying the message, encoded once for every
   * Socket.IO client it goes to; the same text Socket.IO's encoder would produce from `emit(type, message)`.
   */
  get socketIoPacket(): string {
    return (this.socketIoValue ??= `2[${JSON.stringify(this.message.type)},${this.text}]`);
  }

  get message(): ServerMessage {
    if (this.messageValue) return this.messageValue;
    if (this.parts) {
      const messages = this.parts.map((part) => part.message) as Extract<
        ServerMessage,
        { type: 'batch' }
      >['messages'];
      return (this.messageValue = { type: 'batch', messages });
    }
    return (this.messageValue = JSON.parse(this.textValue as string) as ServerMessage);
  }
}

function batchText(parts: readonly OutboundFrame[]): string {
  let text = '{"type":"batch","messages":[';
  for (let i = 0; i < parts.length; i++) text += (i === 0 ? '' : ',') + parts[i].text;
  return `${text}]}`;
}

/** The batch map's head, an array header for the parts, then each part's bytes: no part is encoded again. */
function batchBinary(parts: readonly OutboundFrame[]): Uint8Array {
  const n = parts.length;
  const arrayHead =
    n < 16
      ? [0x90 | n]
      : n < 0x10000
        ? [0xdc, n >> 8, n & 0xff]
        : [0xdd, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const bodies = parts.map((part) => part.binary);
  const out = new Uint8Array(
    BATCH_HEAD.length + arrayHead.length + bodies.reduce((sum, body) => sum + body.length, 0),
  );
  out.set(BATCH_HEAD, 0);
  out.set(arrayHead, BATCH_HEAD.length);
  let offset = BATCH_HEAD.length + arrayHead.length;
  for (const body of bodies) {
    out.set(body, offset);
    offset += body.length;
  }
  return out;
}
