import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** What nodes tell each other about a document (`update`, `awareness`, `query-awareness`) or about themselves. */
export type CollabBusMessage =
  | { readonly kind: 'update' | 'awareness'; readonly from: string; readonly payload: Uint8Array }
  | { readonly kind: 'query-awareness' | 'alive' | 'leaving'; readonly from: string };

// `alive` is what nodes before NodeLiveness sent once a second; kept so the indexes stay, and ignored.
const KINDS = ['update', 'awareness', 'query-awareness', 'alive', 'leaving'] as const;

export type CollabBusHandler = (document: string | null, message: CollabBusMessage) => void;

/**
 * Carries document updates and awareness between the nodes that have the document open, and `leaving` on shutdown
 * to every node (`document` null); a node that dies is seen through `NodeLiveness`. Only with Redis: a
 * single node has nobody to tell.
 */
export interface CollabBus {
  /** Where messages from other nodes arrive (never this node's own); set once. */
  onMessage(handler: CollabBusHandler): void;
  /** Resolves once messages published to the document from now on will arrive here. */
  subscribe(document: string): Promise<void>;
  unsubscribe(document: string): Promise<void>;
  /** To the nodes that have the document open, or to every node when `document` is null. */
  publish(document: string | null, message: CollabBusMessage): Promise<void>;
}

export const COLLAB_BUS = Symbol('PULSE_COLLAB_BUS');

export function encodeBusMessage(message: CollabBusMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, message.from);
  if ('payload' in message) encoding.writeVarUint8Array(encoder, message.payload);
  return encoding.toUint8Array(encoder);
}

/** Null for anything this version cannot read (another version's message, a corrupt one). */
export function decodeBusMessage(bytes: Uint8Array): CollabBusMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = KINDS[decoding.readVarUint(decoder)];
    const from = decoding.readVarString(decoder);
    if (kind === 'update' || kind === 'awareness')
      return { kind, from, payload: decoding.readVarUint8Array(decoder) };
    return kind === undefined ? null : { kind, from };
  } catch {
    return null;
  }
}
