import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** The outer message types of the y-websocket protocol (its first varUint). */
export const CollabMessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Why a frame was refused (`pulse_collab_refused_total{reason}` and a 4400 close). */
export type InvalidReason = 'not-y-protocols' | 'truncated' | 'malformed-update' | 'malformed-awareness';

/** One decoded client frame: a y-protocols message whose payload was checked before anything is applied. */
export type CollabMessage =
  | { readonly kind: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step2' | 'sync-update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array; readonly clients: readonly AwarenessEntry[] }
  | { readonly kind: 'query-awareness' }
  | { readonly kind: 'invalid'; readonly reason: InvalidReason };

/** One client's entry in an awareness update: a null state removes it. */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly removed: boolean;
}

/**
 * Decodes one frame of the y-websocket protocol from a client, never throwing: the frame must be exactly one
 * message, and an update, a state vector or an awareness update must decode completely (a truncated or corrupt one
 * is `invalid` and nothing of it reaches the document).
 */
export function decodeCollabMessage(frame: Uint8Array): CollabMessage {
  const decoder = decoding.createDecoder(frame);
  try {
    const message = readMessage(decoder);
    if (message.kind !== 'invalid' && decoding.hasContent(decoder))
      return { kind: 'invalid', reason: 'not-y-protocols' };
    return message;
  } catch {
    return { kind: 'invalid', reason: 'truncated' };
  }
}

function readMessage(decoder: decoding.Decoder): CollabMessage {
  switch (decoding.readVarUint(decoder)) {
    case CollabMessageType.sync:
      return readSync(decoder);
    case CollabMessageType.awareness:
      return readAwareness(decoding.readVarUint8Array(decoder));
    case CollabMessageType.queryAwareness:
      return { kind: 'query-awareness' };
    default:
      return { kind: 'invalid', reason: 'not-y-protocols' };
  }
}

function readSync(decoder: decoding.Decoder): CollabMessage {
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (type === syncProtocol.messageYjsSyncStep1) {
    if (!decodes(() => Y.decodeStateVector(payload))) return { kind: 'invalid', reason: 'malformed-update' };
    return { kind: 'sync-step1', stateVector: payload };
  }
  if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate)
    return { kind: 'invalid', reason: 'not-y-protocols' };
  if (!decodes(() => Y.decodeUpdate(payload))) return { kind: 'invalid', reason: 'malformed-update' };
  return { kind: type === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'sync-update', update: payload };
}

function readAwareness(update: Uint8Array): CollabMessage {
  const clients = awarenessEntriesOf(update);
  return clients
    ? { kind: 'awareness', update, clients }
    : { kind: 'invalid', reason: 'malformed-awareness' };
}

/**
 * The entries of an awareness update, in its own encoding (y-protocols/awareness): a count, then each client's id,
 * clock and JSON state. Null when it does not decode completely.
 */
export function awarenessEntriesOf(update: Uint8Array): AwarenessEntry[] | null {
  const decoder = decoding.createDecoder(update);
  const clients: AwarenessEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      clients.push({ clientId, clock, removed: state === null });
    }
  } catch {
    return null;
  }
  return decoding.hasContent(decoder) ? null : clients;
}

function decodes(decode: () => unknown): boolean {
  try {
    decode();
    return true;
  } catch {
    return false;
  }
}

/** `sync` frames the server writes: its step 1 (state vector), a step 2 (what the peer misses) or an update. */
export function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, CollabMessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return syncFrame((encoder) => syncProtocol.writeUpdate(encoder, update));
}

export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, CollabMessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
