import { clientMessageTypes, isClientMessageType, serverMessageTypes } from './registry';
import type { ClientMessageOf, ClientPayloadOf, ServerMessage, ServerMessageOf } from './registry';

/** These assertions are checked by the type-check target (tsc), which runs in `npm test`. */
describe('registry types', () => {
  it('derives precise message types from the schemas', () => {
    const move: ClientMessageOf<'move'> = { type: 'move', room: 'r1', x: 1, y: 2 };
    // @ts-expect-error a move needs y
    const broken: ClientMessageOf<'move'> = { type: 'move', room: 'r1', x: 1 };
    // @ts-expect-error the server's move event carries the player, the client's request does not
    const event: ServerMessageOf<'move'> = { type: 'move', room: 'r1', x: 1, y: 2, seq: 1 };
    // @ts-expect-error 'teleport' is not a client message
    const unknown: ClientPayloadOf<'teleport'> = { room: 'r1' };
    const payload: ClientPayloadOf<'join'> = { room: 'r1' };
    expect([move, broken, event, unknown, payload]).toHaveLength(5);
  });

  it('narrows a server message by its type', () => {
    const message = { type: 'pong', t: 5 } as ServerMessage;
    const t = message.type === 'pong' ? message.t : -1;
    expect(t).toBe(5);
  });

  it('lists every type once and recognises only client types', () => {
    expect(clientMessageTypes).toEqual([
      'join',
      'leave',
      'move',
      'ping',
      'chat',
      'chat-history',
      'typing',
      'reauth',
      'subscribe',
      'unsubscribe',
      'batching',
      'cursor',
      'console-watch',
      'console-unwatch',
    ]);
    expect(serverMessageTypes).toEqual([
      'snapshot',
      'presence',
      'move',
      'pong',
      'ack',
      'error',
      'resumed',
      'chat',
      'chat-history',
      'typing',
      'reauth-required',
      'quote',
      'cursor',
      'resume-ticket',
      'console-sample',
      'batch',
    ]);
    expect(isClientMessageType('join')).toBe(true);
    expect(isClientMessageType('snapshot')).toBe(false);
    expect(isClientMessageType('toString')).toBe(false);
  });
});
