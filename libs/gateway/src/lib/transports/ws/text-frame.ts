/** FIN set and the text opcode (1), or the binary opcode (2): RFC 6455 §5.2. */
const FIN_TEXT = 0x81;
const FIN_BINARY = 0x82;

/**
 * A complete, unmasked WebSocket text frame (RFC 6455 §5.2: FIN set, opcode 1): what a server writes to every
 * recipient of the same message, so it is built once per message and the same bytes go to every socket. The text
 * is encoded straight into the frame, with no intermediate buffer.
 */
export function textFrameOf(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const frame = Buffer.allocUnsafe(headerLengthFor(length) + length);
  const offset = writeHeader(frame, FIN_TEXT, length);
  frame.write(text, offset, 'utf8');
  return frame;
}

/** The same for a binary frame (opcode 2): a MessagePack-encoded message, built once for all its recipients. */
export function binaryFrameOf(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(headerLengthFor(payload.length) + payload.length);
  const offset = writeHeader(frame, FIN_BINARY, payload.length);
  frame.set(payload, offset);
  return frame;
}

function headerLengthFor(length: number): number {
  return length < 126 ? 2 : length < 0x10000 ? 4 : 10;
}

/** Writes FIN + opcode and the payload length; returns where the payload starts. */
function writeHeader(frame: Buffer, first: number, length: number): number {
  frame[0] = first;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  return headerLengthFor(length);
}
