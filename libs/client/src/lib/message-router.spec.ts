import type { ServerMessageOf } from '@pulse/protocol';
import { MessageRouter } from './message-router';

describe('MessageRouter', () => {
  it('hands each message only to the handlers of its type, until unsubscribed', () => {
    const router = new MessageRouter();
    const pongs: Array<ServerMessageOf<'pong'>> = [];
    const acks: string[] = [];
    const off = router.on('pong', (m) => pongs.push(m));
    router.on('ack', (m) => acks.push(m.id));
    router.dispatch({ type: 'pong', t: 1 });
    router.dispatch({ type: 'ack', id: 'a1' });
    off();
    router.dispatch({ type: 'pong', t: 2 });
    router.dispatch({ type: 'error', code: 'INTERNAL', message: 'oops' });
    expect(pongs).toEqual([{ type: 'pong', t: 1 }]);
    expect(acks).toEqual(['a1']);
  });

  it('types each handler by its message type (checked by the typecheck target)', () => {
    const router = new MessageRouter();
    const players: string[] = [];
    router.on('move', (m) => players.push(m.player));
    // @ts-expect-error a pong has no player
    router.on('pong', (m) => players.push(m.player));
    // @ts-expect-error 'teleport' is not a server message
    router.on('teleport', () => players.push('never'));
    router.dispatch({ type: 'move', room: 'r', player: 'bob', x: 1, y: 2, seq: 1 });
    expect(players).toEqual(['bob']);
  });
});
