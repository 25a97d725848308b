import { Decoder, Encoder } from '@msgpack/msgpack';
import { ErrorCode } from './codes';
import { decodeClientValue, decodeServerValue, type DecodeResult } from './codec';
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from './registry';

/**
 * The subprotocol of the MessagePack encoding: a client that offers it in `Sec-WebSocket-Protocol` gets every message
 * as a binary frame holding the message's MessagePack encoding (a map, the same fields as the JSON object), and may
 * send binary frames the same way. Without it, JSON text frames (`PROTOCOL_VERSION`).
 */
export const MSGPACK_PROTOCOL = `${PROTOCOL_VERSION}.msgpack`;

/** How messages travel on a native WebSocket: the negotiated subprotocol says which. */
export type WireEncoding = 'json' | 'msgpack';

/** The encoding a negotiated subprotocol stands for. */
export function encodingOf(protocol: string | undefined): WireEncoding {
  return protocol === MSGPACK_PROTOCOL ? 'msgpack' : 'json';
}

// Optional fields the code leaves undefined are left out, as JSON.stringify leaves them out.
const encoder = new Encoder({ ignoreUndefined: true });
const decoder = new Decoder();

/** A message's MessagePack encoding, for a binary frame: fresh bytes of its own (never a shared buffer). */
export function encodeBinaryMessage(message: ClientMessage | ServerMessage): Uint8Array<ArrayBuffer> {
  return encoder.encode(message) as Uint8Array<ArrayBuffer>;
}

function parse(
  frame: Uint8Array,
):
  | { ok: true; value: unknown }
  | { ok: false; error: { code: typeof ErrorCode.INVALID_MESSAGE; message: string } } {
  try {
    return { ok: true, value: decoder.decode(frame) };
  } catch {
    return {
      ok: false,
      error: { code: ErrorCode.INVALID_MESSAGE, message: 'frame is not valid MessagePack' },
    };
  }
}

/** Decodes a binary frame sent by a client, then checks it with the same validators as JSON. Never throws. */
export function decodeBinaryClientMessage(frame: Uint8Array): DecodeResult<ClientMessage> {
  const parsed = parse(frame);
  return parsed.ok ? decodeClientValue(parsed.value) : parsed;
}

/** Decodes a binary frame sent by the server (used by clients). Never throws. */
export function decodeBinaryServerMessage(frame: Uint8Array): DecodeResult<ServerMessage> {
  const parsed = parse(frame);
  return parsed.ok ? decodeServerValue(parsed.value) : parsed;
}
