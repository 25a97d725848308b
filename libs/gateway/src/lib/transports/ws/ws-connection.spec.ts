import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { OutboundFrame } from '../../dispatch/outbound-frame';
import { WsConnection } from './ws-connection';

/**
 * A peer that reads only when told to: `bufferedAmount` is what `ws` reports for a socket whose peer stopped
 * reading (the kernel buffers are full). Everything else is the `ws` surface WsConnection uses.
 */
class StalledPeerSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  readonly written: string[] = [];
  closedWith?: { code: number; reason: string };

  /** The TCP socket under it: WsConnection writes whole frames there. */
  readonly tcp = {
    writableCorked: 0,
    cork: () => {
      this.tcp.writableCorked++;
    },
    uncork: () => {
      this.tcp.writableCorked--;
    },
    write: (frame: Buffer) => {
      const text = frame.toString('utf8', payloadOffset(frame));
      this.written.push(text);
      this.bufferedAmount += text.length;
    },
  };

  read(): void {
    this.bufferedAmount = 0;
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = WebSocket.CLOSING;
  }

  terminate(): void {
    this.readyState = WebSocket.CLOSED;
    this.emit('close');
  }

  ping(): void {
    return undefined;
  }
}

function payloadOffset(frame: Buffer): number {
  const length = frame[1] & 0x7f;
  return length === 127 ? 10 : length === 126 ? 4 : 2;
}

const budget = { highWaterBytes: 1000, lowWaterBytes: 100, hardLimitBytes: 5000 };
const user = { id: 'slow', name: 'Slow', roles: [] };
const move = (player: string, x: number, seq: number) =>
  OutboundFrame.of({ type: 'move', room: 'r', player, x, y: 0, seq });
const presence = (seq: number) =>
  OutboundFrame.of({ type: 'presence', room: 'r', player: `p${seq}`, status: 'offline', seq });

describe('WsConnection send budget', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function connection() {
    const socket = new StalledPeerSocket();
    return {
      socket,
      conn: new WsConnection(socket as unknown as WebSocket, user, budget, socket.tcp as unknown as Socket),
    };
  }

  it('sends directly while under the high-water mark', () => {
    const { socket, conn } = connection();
    conn.sendFrame(move('a', 1, 1));
    expect(socket.written).toHaveLength(1);
    expect(conn.backlogged).toBe(false);
  });

  it('conflates moves above the high-water mark and flushes them, in seq order, once the peer drains', () => {
    const { socket, conn } = connection();
    for (let seq = 1; socket.bufferedAmount <= budget.highWaterBytes; seq++)
      conn.sendFrame(move('a', seq, seq));
    const direct = socket.written.length;
    for (let i = 0; i < 100; i++) conn.sendFrame(move('a', 1000 + i, 1000 + i));
    conn.sendFrame(presence(2000));
    conn.sendFrame(move('b', 1, 2001));
    expect(conn.backlogged).toBe(true);
    expect(socket.written).toHaveLength(direct);

    socket.read();
    jest.advanceTimersByTime(50);
    const flushed = socket.written
      .slice(direct)
      .map((text) => JSON.parse(text) as { seq: number; x?: number });
    expect(flushed.map((m) => m.seq)).toEqual([1099, 2000, 2001]);
    expect(conn.backlogged).toBe(false);
  });

  it('closes with 4009 when what it holds passes the hard limit, and never holds more', () => {
    const { socket, conn } = connection();
    for (let seq = 1; socket.bufferedAmount <= budget.highWaterBytes; seq++)
      conn.sendFrame(move('a', seq, seq));
    for (let seq = 100; !socket.closedWith; seq++) conn.sendFrame(presence(seq));
    expect(socket.closedWith.code).toBe(4009);
    conn.sendFrame(presence(99_999));
    expect(conn.backlogged).toBe(false);
    jest.advanceTimersByTime(5000);
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });
});
