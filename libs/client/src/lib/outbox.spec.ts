import type { ClientMessage } from '@pulse/protocol';
import { Outbox } from './outbox';

describe('Outbox', () => {
  it('drains messages in the order they were queued, then is empty', () => {
    const outbox = new Outbox(10);
    const messages: ClientMessage[] = [
      { type: 'ping', t: 1 },
      { type: 'move', room: 'a', x: 1, y: 1 },
      { type: 'ping', t: 2 },
    ];
    for (const message of messages) outbox.push(message);
    expect(outbox.drain()).toEqual(messages);
    expect(outbox.drain()).toEqual([]);
  });

  it('keeps only the latest move per room, at the position of the latest', () => {
    const outbox = new Outbox(10);
    outbox.push({ type: 'move', room: 'a', x: 1, y: 1 });
    outbox.push({ type: 'move', room: 'b', x: 5, y: 5 });
    outbox.push({ type: 'ping', t: 7 });
    outbox.push({ type: 'move', room: 'a', x: 2, y: 1 });
    outbox.push({ type: 'move', room: 'a', x: 3, y: 1 });
    expect(outbox.drain()).toEqual([
      { type: 'move', room: 'b', x: 5, y: 5 },
      { type: 'ping', t: 7 },
      { type: 'move', room: 'a', x: 3, y: 1 },
    ]);
  });

  it('drops the oldest message when full and says which', () => {
    const outbox = new Outbox(2);
    expect(outbox.push({ type: 'ping', t: 1 })).toBeUndefined();
    expect(outbox.push({ type: 'ping', t: 2 })).toBeUndefined();
    expect(outbox.push({ type: 'ping', t: 3 })).toEqual({ type: 'ping', t: 1 });
    expect(outbox.size).toBe(2);
    expect(outbox.drain()).toEqual([
      { type: 'ping', t: 2 },
      { type: 'ping', t: 3 },
    ]);
  });

  it('does not count conflated moves against the limit', () => {
    const outbox = new Outbox(2);
    outbox.push({ type: 'ping', t: 1 });
    for (let x = 0; x < 50; x++) expect(outbox.push({ type: 'move', room: 'a', x, y: 0 })).toBeUndefined();
    expect(outbox.drain()).toEqual([
      { type: 'ping', t: 1 },
      { type: 'move', room: 'a', x: 49, y: 0 },
    ]);
  });

  it('forgets the messages of a room that was left', () => {
    const outbox = new Outbox(10);
    outbox.push({ type: 'move', room: 'a', x: 1, y: 1 });
    outbox.push({ type: 'move', room: 'b', x: 1, y: 1 });
    outbox.push({ type: 'ping', t: 1 });
    outbox.dropRoom('a');
    expect(outbox.drain()).toEqual([
      { type: 'move', room: 'b', x: 1, y: 1 },
      { type: 'ping', t: 1 },
    ]);
  });
});
