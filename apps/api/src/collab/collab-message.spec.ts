import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeBusMessage, encodeBusMessage } from './collab-bus';
import { awarenessFrame, decodeCollabMessage, syncFrame, updateFrame } from './collab-message';

function typed(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return doc;
}

describe('decodeCollabMessage', () => {
  it('reads what the stock client sends: sync step 1, step 2, updates, awareness, awareness queries', () => {
    const doc = typed('hello');
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeCollabMessage(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)))).toEqual({
      kind: 'sync-step1',
      stateVector: Y.encodeStateVector(doc),
    });
    expect(
      decodeCollabMessage(syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, doc))),
    ).toMatchObject({ kind: 'sync-step2' });
    expect(decodeCollabMessage(updateFrame(update))).toEqual({ kind: 'sync-update', update });

    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Alice' });
    const state = encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(decodeCollabMessage(awarenessFrame(state))).toEqual({
      kind: 'awareness',
      update: state,
      clients: [{ clientId: doc.clientID, clock: 1, removed: false }],
    });
    awareness.destroy();
    expect(decodeCollabMessage(Uint8Array.of(3))).toEqual({ kind: 'query-awareness' });
  });

  it('refuses, without throwing, frames that are not one complete, valid message', () => {
    const update = Y.encodeStateAsUpdate(typed('x'.repeat(40)));
    const frame = updateFrame(update);
    const withTrailing = Uint8Array.from([...frame, 0]);
    const corrupt = updateFrame(update.map((byte, i) => (i > 3 ? 0xff : byte)));
    const badJson = (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 7);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, '{not json');
      return awarenessFrame(encoding.toUint8Array(encoder));
    })();
    expect(decodeCollabMessage(new Uint8Array())).toEqual({ kind: 'invalid', reason: 'truncated' });
    expect(decodeCollabMessage(Uint8Array.of(9))).toEqual({ kind: 'invalid', reason: 'not-y-protocols' });
    expect(decodeCollabMessage(Uint8Array.of(2, 0))).toEqual({ kind: 'invalid', reason: 'not-y-protocols' });
    expect(decodeCollabMessage(Uint8Array.of(0, 7, 0))).toEqual({
      kind: 'invalid',
      reason: 'not-y-protocols',
    });
    expect(decodeCollabMessage(frame.subarray(0, frame.length - 5))).toEqual({
      kind: 'invalid',
      reason: 'truncated',
    });
    expect(decodeCollabMessage(withTrailing)).toEqual({ kind: 'invalid', reason: 'not-y-protocols' });
    expect(decodeCollabMessage(corrupt)).toEqual({ kind: 'invalid', reason: 'malformed-update' });
    expect(decodeCollabMessage(badJson)).toEqual({ kind: 'invalid', reason: 'malformed-awareness' });
  });
});

describe('the bus encoding between nodes', () => {
  it('round-trips every kind, and reads garbage as null', () => {
    const payload = Uint8Array.of(1, 2, 3);
    for (const message of [
      { kind: 'update', from: 'node-a', payload },
      { kind: 'awareness', from: 'node-a', payload },
      { kind: 'query-awareness', from: 'node-b' },
      { kind: 'alive', from: 'node-c' },
      { kind: 'leaving', from: 'node-c' },
    ] as const) {
      expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message);
    }
    expect(decodeBusMessage(Uint8Array.of(42))).toBeNull();
    expect(decodeBusMessage(Uint8Array.of(0, 5, 65))).toBeNull();
  });
});
