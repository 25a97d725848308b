import { CloseCode } from '@pulse/protocol';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  ConnectionMessageBudget,
  type BudgetVerdict,
  type MessageBudget,
} from '../../rate-limit/message-budget';
import {
  answerControlFrames,
  budgetAccount,
  type ControlledSocket,
  type FloodedSocket,
} from './control-frames';

class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  readonly pongs: Buffer[] = [];
  readonly calls: string[] = [];

  pong(data?: Buffer): void {
    this.pongs.push(data ?? Buffer.alloc(0));
  }

  pause(): void {
    this.calls.push('pause');
  }

  close(code?: number, reason?: string): void {
    this.calls.push(`close ${code} ${reason}`);
  }

  terminate(): void {
    this.calls.push('terminate');
  }
}

/** A budget that answers the verdicts it is given, then `ok`. */
function scripted(...verdicts: BudgetVerdict[]): MessageBudget & { asked: number } {
  return {
    asked: 0,
    take() {
      return verdicts[this.asked++] ?? 'ok';
    },
  };
}

describe('answerControlFrames', () => {
  it('answers a ping with its payload when the account admits it and the send buffer has room', () => {
    const socket = new FakeSocket();
    answerControlFrames(socket as unknown as ControlledSocket, { admit: () => true }, 1024);
    socket.emit('ping', Buffer.from('p1'));
    expect(socket.pongs.map(String)).toEqual(['p1']);
  });

  it('leaves a ping over the budget unanswered, and counts pongs too', () => {
    const socket = new FakeSocket();
    const verdicts = [false, true];
    let admitted = 0;
    answerControlFrames(
      socket as unknown as ControlledSocket,
      { admit: () => (admitted++, verdicts.shift() ?? true) },
      1024,
    );
    socket.emit('ping', Buffer.from('refused'));
    socket.emit('ping', Buffer.from('answered'));
    socket.emit('pong', Buffer.alloc(0));
    expect(socket.pongs.map(String)).toEqual(['answered']);
    expect(admitted).toBe(3);
  });

  it('writes no pong while the send buffer is over its bound (a peer that does not read), nor on a closing socket', () => {
    const socket = new FakeSocket();
    answerControlFrames(socket as unknown as ControlledSocket, { admit: () => true }, 1024);
    socket.bufferedAmount = 1025;
    socket.emit('ping', Buffer.from('unread'));
    socket.bufferedAmount = 1024;
    socket.emit('ping', Buffer.from('room again'));
    socket.readyState = 2;
    socket.emit('ping', Buffer.from('closing'));
    expect(socket.pongs.map(String)).toEqual(['room again']);
  });
});

describe('budgetAccount', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('admits what the budget allows, refuses what it limits, and closes a flood with 4008 then drops it', () => {
    const socket = new FakeSocket();
    const budget = scripted('ok', 'limited', 'flood');
    const account = budgetAccount(socket as unknown as FloodedSocket, () => budget);
    expect([account.admit(), account.admit()]).toEqual([true, false]);
    expect(socket.calls).toEqual([]);
    expect(account.admit()).toBe(false);
    expect(socket.calls).toEqual(['pause', `close ${CloseCode.RATE_LIMIT_EXCEEDED} message flood`]);
    // once flooded, nothing more is counted or answered
    expect(account.admit()).toBe(false);
    expect(budget.asked).toBe(3);
    jest.advanceTimersByTime(1000);
    expect(socket.calls).toContain('terminate');
  });

  it('admits everything when there is no message limit', () => {
    const account = budgetAccount(new FakeSocket() as unknown as FloodedSocket, () => null);
    expect(Array.from({ length: 10_000 }, () => account.admit()).every(Boolean)).toBe(true);
  });
});

describe('control frames over real sockets', () => {
  let server: WebSocketServer;
  let url: string;

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => {
      const budget = new ConnectionMessageBudget({ perSecond: 10, burst: 20 });
      answerControlFrames(
        socket,
        budgetAccount(socket, () => budget),
        64 * 1024,
      );
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function client(): Promise<WebSocket> {
    const socket = new WebSocket(url, { autoPong: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return socket;
  }

  it('answers the pings of a client within its budget', async () => {
    const socket = await client();
    const pongs: string[] = [];
    const all = new Promise<void>((resolve) =>
      socket.on('pong', (data) => {
        pongs.push(String(data));
        if (pongs.length === 10) resolve();
      }),
    );
    for (let i = 0; i < 10; i++) socket.ping(String(i));
    await all;
    expect(pongs).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    socket.close();
  });

  it('closes a ping flood with 4008, having answered no more than the burst', async () => {
    const socket = await client();
    let pongs = 0;
    socket.on('pong', () => pongs++);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 5000; i++) socket.ping();
    await expect(closed).resolves.toBe(CloseCode.RATE_LIMIT_EXCEEDED);
    expect(pongs).toBeLessThanOrEqual(20 + 2);
  });
});
