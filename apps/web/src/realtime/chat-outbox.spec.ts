import { failPending, visibleOutgoing, withStatus, type OutgoingLine } from './chat-outbox';
import type { KeptChatLine } from './chat.reducer';

const kept = (seq: number, player: string, text: string): KeptChatLine => ({
  type: 'chat',
  room: 'r1',
  player,
  name: player,
  text,
  at: 0,
  seq,
  era: 0,
  key: `0:${seq}`,
});
const pending = (id: string, text: string, seenBefore = 0): OutgoingLine => ({
  id,
  text,
  status: 'pending',
  seenBefore,
});

describe('the chat outbox', () => {
  it('shows a sent line until the log holds it, even once acknowledged', () => {
    const sent = withStatus([pending('a', 'hi')], 'a', 'delivered');
    expect(visibleOutgoing(sent, [kept(1, 'bob', 'hi')], 'alice')).toEqual(sent);
    expect(visibleOutgoing(sent, [kept(1, 'bob', 'hi'), kept(2, 'alice', 'hi')], 'alice')).toEqual([]);
  });

  it('tells a repeated line from the earlier one with the same text', () => {
    const again = [pending('b', 'hi', 1)];
    expect(visibleOutgoing(again, [kept(1, 'alice', 'hi')], 'alice')).toEqual(again);
    expect(visibleOutgoing(again, [kept(1, 'alice', 'hi'), kept(3, 'alice', 'hi')], 'alice')).toEqual([]);
  });

  it('fails only the pending lines when the link closes for good, and keeps the reason', () => {
    const lines = [pending('a', 'one'), withStatus([pending('b', 'two')], 'b', 'delivered')[0]];
    const failed = failPending(lines, 'Not sent: the connection is closed.');
    expect(failed.map((line) => [line.id, line.status, line.error])).toEqual([
      ['a', 'failed', 'Not sent: the connection is closed.'],
      ['b', 'delivered', undefined],
    ]);
    expect(failPending(failed, 'again')).toBe(failed);
  });
});
