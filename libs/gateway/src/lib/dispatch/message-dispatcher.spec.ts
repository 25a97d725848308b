import {
  ConsoleLogger,
  Injectable,
  Logger,
  UseFilters,
  UseGuards,
  type CanActivate,
  type INestApplication,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { CloseCode, ErrorCode, type ClientMessageOf, type ServerMessage } from '@pulse/protocol';
import Redis from 'ioredis';
import { Observable } from 'rxjs';
import { acknowledge } from '../acks/acknowledge';
import { InMemoryIdempotencyStore } from '../acks/in-memory-idempotency.store';
import { RedisIdempotencyStore } from '../acks/redis-idempotency.store';
import { attachConnection } from '../connection/connection-of';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { ProtocolExceptionFilter } from '../errors/protocol-exception.filter';
import { ProtocolException } from '../errors/protocol.exception';
import { HeartbeatInterceptor } from '../heartbeat/heartbeat.interceptor';
import { GatewayHandlers } from './handlers/gateway-handlers';
import { HandlerCompiler } from './handlers/handler-compiler';
import { ConnectionMessageBudget } from '../rate-limit/message-budget';
import { MessageDispatcher, type DispatchObserver } from './message-dispatcher';
import type { OutboundFrame } from './outbound-frame';

/** What the handlers ran, in order: the proof that a duplicate did not run again and a retry did. */
const runs: string[] = [];
/** Chat texts that have failed once already: `fail once` fails the first time and succeeds on the retry. */
const failedOnce = new Set<string>();
/** Joins wait here until the test lets them finish, to hold an id in the "being applied" state. */
let joinsDone: Promise<void> = Promise.resolve();

@Injectable()
class NobodyLeaves implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@WebSocketGateway({ path: '/ws' })
@UseFilters(ProtocolExceptionFilter)
class LedgerGateway {
  @SubscribeMessage('move')
  move(@MessageBody() move: ClientMessageOf<'move'>) {
    runs.push(`move ${move.x}`);
    if (move.x === 13)
      throw new ProtocolException(ErrorCode.NOT_IN_ROOM, 'join the room before sending to it');
    return acknowledge(move.x + 100);
  }

  @SubscribeMessage('ping')
  ping(@MessageBody() ping: ClientMessageOf<'ping'>): ServerMessage {
    runs.push(`ping ${ping.t}`);
    return { type: 'pong', t: ping.t };
  }

  @SubscribeMessage('chat')
  async chat(@MessageBody() chat: ClientMessageOf<'chat'>): Promise<void> {
    runs.push(`chat ${chat.text}`);
    if (chat.text === 'fail once' && !failedOnce.has(chat.room)) {
      failedOnce.add(chat.room);
      throw new Error('the store is down');
    }
  }

  @SubscribeMessage('subscribe')
  subscribe(@MessageBody() subscribe: ClientMessageOf<'subscribe'>): Observable<ServerMessage> {
    runs.push(`subscribe ${subscribe.symbol}`);
    return new Observable((subscriber) => {
      subscriber.next({ type: 'pong', t: 1 });
      subscriber.next({ type: 'pong', t: 2 });
      if (subscribe.symbol === 'BROKEN') subscriber.error(new Error('feed lost'));
      else subscriber.complete();
    });
  }

  @SubscribeMessage('join')
  async join(@MessageBody() join: ClientMessageOf<'join'>): Promise<void> {
    runs.push(`join ${join.room}`);
    await joinsDone;
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@MessageBody() unsubscribe: ClientMessageOf<'unsubscribe'>): { event: string; data: object } {
    runs.push(`unsubscribe ${unsubscribe.symbol}`);
    return { event: 'pong', data: { t: 9 } };
  }

  @SubscribeMessage('leave')
  @UseGuards(NobodyLeaves)
  leave(): void {
    runs.push('leave');
  }
}

type RecordingConnection = RealtimeConnection & {
  readonly sent: ServerMessage[];
  readonly closed: { code: number; reason: string }[];
  signsOfLife: number;
  /** Resolves once `count` messages were sent in all. */
  sentCount(count: number): Promise<ServerMessage[]>;
};

/** A connection that records what it was sent and how often it was told it is alive. */
function recordingConnection(userId = 'alice'): RealtimeConnection & RecordingConnection {
  const sent: ServerMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const connection = {
    id: `conn-${userId}`,
    user: { id: userId },
    transport: 'ws',
    rooms: new Set<string>(),
    sent,
    closed: [] as { code: number; reason: string }[],
    signsOfLife: 0,
    send(message: ServerMessage) {
      sent.push(message);
      for (const waiter of waiters.filter(({ count }) => sent.length >= count)) waiter.resolve();
    },
    sendFrame(frame: OutboundFrame) {
      connection.send(frame.message);
    },
    close(code: number, reason: string) {
      connection.closed.push({ code, reason });
    },
    terminate() {
      connection.closed.push({ code: -1, reason: 'terminated' });
    },
    markAlive() {
      connection.signsOfLife++;
    },
    checkAlive: () => true,
    setBatching: () => false,
    sentCount(count: number): Promise<ServerMessage[]> {
      if (sent.length >= count) return Promise.resolve(sent);
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(sent) }));
    },
  };
  return connection as unknown as RealtimeConnection & RecordingConnection;
}

describe('MessageDispatcher', () => {
  let app: INestApplication;
  let handlers: GatewayHandlers;
  let connection: RecordingConnection;
  let idempotency: InMemoryIdempotencyStore;
  let refusedCodes: ErrorCode[];
  let dispatcher: MessageDispatcher;

  const observer: DispatchObserver = {
    received: () => undefined,
    refused: (code) => refusedCodes.push(code),
  };
  const text = (message: object) => JSON.stringify(message);

  beforeAll(async () => {
    // The handlers' failures answered INTERNAL are logged (the filter's spec checks that): kept out of the output here.
    const quiet = () => undefined;
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [LedgerGateway],
    })
      .setLogger({ log: quiet, error: quiet, warn: quiet })
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();
    const compiler = new HandlerCompiler(app.get(ExternalContextCreator), [new HeartbeatInterceptor()]);
    handlers = GatewayHandlers.discover(app.get(DiscoveryService), compiler);
  });

  afterAll(async () => {
    await app.close();
    Logger.overrideLogger(new ConsoleLogger());
  });

  beforeEach(() => {
    runs.length = 0;
    failedOnce.clear();
    joinsDone = Promise.resolve();
    refusedCodes = [];
    connection = recordingConnection();
    idempotency = new InMemoryIdempotencyStore();
    const client = {};
    attachConnection(client, connection);
    dispatcher = new MessageDispatcher(
      connection,
      client,
      handlers.forPath('/ws').handlers,
      idempotency,
      null,
      observer,
    );
  });

  describe('frames that do not decode', () => {
    it('answers each with the protocol error for it, carrying a well-formed id, and keeps the connection', async () => {
      dispatcher.dispatchText('{not json');
      dispatcher.dispatchText('[1,2]');
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 'far', y: 0, id: 'm1' }));
      dispatcher.dispatchText(text({ type: 'teleport', id: 'm2' }));
      dispatcher.dispatchText(text({ type: 7 }));
      dispatcher.dispatchBinary();
      dispatcher.dispatchText(text({ type: 'ping', t: 5 }));
      const sent = await connection.sentCount(7);
      expect(sent).toEqual([
        { type: 'error', code: ErrorCode.INVALID_MESSAGE, message: 'frame is not valid JSON' },
        {
          type: 'error',
          code: ErrorCode.INVALID_MESSAGE,
          message: 'frame must be an object with a "type"',
        },
        {
          type: 'error',
          code: ErrorCode.INVALID_MESSAGE,
          message: expect.stringContaining('field "x"'),
          id: 'm1',
        },
        { type: 'error', code: ErrorCode.UNKNOWN_TYPE, message: 'unknown message type', id: 'm2' },
        { type: 'error', code: ErrorCode.INVALID_MESSAGE, message: 'field "type" must be a string' },
        { type: 'error', code: ErrorCode.BINARY_NOT_SUPPORTED, message: expect.any(String) },
        { type: 'pong', t: 5 },
      ]);
      expect(connection.closed).toEqual([]);
      expect(runs).toEqual(['ping 5']);
      expect(dispatcher.counters).toEqual({ received: 7, refused: 6 });
      expect(refusedCodes).toHaveLength(6);
    });

    it('never echoes the offending payload', () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: '<script>secret</script>', y: 0 }));
      expect(JSON.stringify(connection.sent)).not.toContain('secret');
    });

    it('answers a protocol message no gateway on the path handles with UNKNOWN_TYPE and its id', async () => {
      dispatcher.dispatchText(text({ type: 'typing', room: 'r', active: true, id: 't1' }));
      expect(await connection.sentCount(1)).toEqual([
        {
          type: 'error',
          code: ErrorCode.UNKNOWN_TYPE,
          message: 'no handler for this message type',
          id: 't1',
        },
      ]);
      expect(refusedCodes).toEqual([ErrorCode.UNKNOWN_TYPE]);
    });
  });

  describe('an applied message', () => {
    it('is acknowledged with its id and the seq its handler gave, and recorded as applied', async () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 1, y: 0, id: 'm1' }));
      expect(await connection.sentCount(1)).toEqual([{ type: 'ack', id: 'm1', seq: 101 }]);
      await expect(idempotency.claim('alice', 'm1')).resolves.toEqual({ state: 'done', seq: 101 });
    });

    it("sends the handler's answer, then the ack; without an id, only the answer", async () => {
      dispatcher.dispatchText(text({ type: 'ping', t: 7, id: 'p1' }));
      dispatcher.dispatchText(text({ type: 'ping', t: 8 }));
      expect(await connection.sentCount(3)).toEqual([
        { type: 'pong', t: 7 },
        { type: 'ack', id: 'p1' },
        { type: 'pong', t: 8 },
      ]);
    });

    it('sends every value of an Observable, then the ack once it completes', async () => {
      dispatcher.dispatchText(text({ type: 'subscribe', symbol: 'ACME', id: 's1' }));
      expect(await connection.sentCount(3)).toEqual([
        { type: 'pong', t: 1 },
        { type: 'pong', t: 2 },
        { type: 'ack', id: 's1' },
      ]);
    });

    it('answers a duplicate of an applied id with the first ack, without running the handler again', async () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 2, y: 0, id: 'dup' }));
      await connection.sentCount(1);
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 3, y: 0, id: 'dup' }));
      expect(await connection.sentCount(2)).toEqual([
        { type: 'ack', id: 'dup', seq: 102 },
        { type: 'ack', id: 'dup', seq: 102 },
      ]);
      expect(runs).toEqual(['move 2']);
    });

    it('keeps the duplicate check per user: the same id from another user runs', async () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 2, y: 0, id: 'shared' }));
      await connection.sentCount(1);
      const bob = recordingConnection('bob');
      const other = new MessageDispatcher(
        bob,
        {},
        handlers.forPath('/ws').handlers,
        idempotency,
        null,
        observer,
      );
      other.dispatchText(text({ type: 'move', room: 'r', x: 4, y: 0, id: 'shared' }));
      expect(await bob.sentCount(1)).toEqual([{ type: 'ack', id: 'shared', seq: 104 }]);
      expect(runs).toEqual(['move 2', 'move 4']);
    });

    it('answers a resend that arrives while the first is still being applied with UNAVAILABLE, running nothing', async () => {
      let finish!: () => void;
      joinsDone = new Promise((resolve) => (finish = resolve));
      dispatcher.dispatchText(text({ type: 'join', room: 'lobby', id: 'j1' }));
      dispatcher.dispatchText(text({ type: 'join', room: 'lobby', id: 'j1' }));
      expect(await connection.sentCount(1)).toEqual([
        {
          type: 'error',
          code: ErrorCode.UNAVAILABLE,
          message: 'this id is still being applied; retry shortly',
          id: 'j1',
        },
      ]);
      finish();
      expect(await connection.sentCount(2)).toEqual([
        expect.objectContaining({ type: 'error' }),
        { type: 'ack', id: 'j1' },
      ]);
      expect(runs).toEqual(['join lobby']);
    });

    it("invokes handlers in arrival order: a message without id waits for the claim of the id'd one before it", async () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 5, y: 0, id: 'first' }));
      dispatcher.dispatchText(text({ type: 'ping', t: 1 }));
      expect(await connection.sentCount(2)).toEqual([
        { type: 'ack', id: 'first', seq: 105 },
        { type: 'pong', t: 1 },
      ]);
      expect(runs).toEqual(['move 5', 'ping 1']);
    });
  });

  it("sends Nest's { event, data } as the server message it names", async () => {
    dispatcher.dispatchText(text({ type: 'unsubscribe', symbol: 'ACME', id: 'u1' }));
    expect(await connection.sentCount(2)).toEqual([
      { type: 'pong', t: 9 },
      { type: 'ack', id: 'u1' },
    ]);
  });

  it('tells a draining node about every handler in flight, until its id is recorded or released', async () => {
    const inFlight: number[] = [];
    let now = 0;
    const counting: DispatchObserver = { ...observer, inFlight: (delta) => inFlight.push((now += delta)) };
    const client = {};
    const draining = new MessageDispatcher(
      connection,
      client,
      handlers.forPath('/ws').handlers,
      idempotency,
      null,
      counting,
    );
    draining.dispatchText(text({ type: 'move', room: 'r', x: 1, y: 0, id: 'd1' }));
    draining.dispatchText(text({ type: 'chat', room: 'r2', text: 'fail once', id: 'd2' }));
    draining.dispatchText(text({ type: 'ping', t: 1 }));
    draining.dispatchText(text({ type: 'typing', room: 'r', active: true }));
    await connection.sentCount(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(inFlight).toEqual([1, 0, 1, 0, 1, 0]);
  });

  describe('the message budget', () => {
    it('answers a message over the budget with RATE_LIMITED and its id, running nothing; a flood closes with 4008', async () => {
      // A clock that stands still: the budget (a burst of 2) and the allowance for refusals (2 more) never refill.
      const budget = new ConnectionMessageBudget({ perSecond: 1, burst: 2 }, () => 0);
      const client = {};
      const limited = new MessageDispatcher(
        connection,
        client,
        handlers.forPath('/ws').handlers,
        idempotency,
        budget,
        observer,
      );
      for (let t = 1; t <= 6; t++) limited.dispatchText(text({ type: 'ping', t, id: `p${t}` }));
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toEqual(['ping 1', 'ping 2']);
      expect(connection.sent.filter((message) => message.type === 'error')).toEqual([
        { type: 'error', code: ErrorCode.RATE_LIMITED, message: 'too many messages; slow down', id: 'p3' },
        { type: 'error', code: ErrorCode.RATE_LIMITED, message: 'too many messages; slow down', id: 'p4' },
      ]);
      expect(connection.closed).toEqual([{ code: CloseCode.RATE_LIMIT_EXCEEDED, reason: 'message flood' }]);
      limited.dispatchText(text({ type: 'ping', t: 7 }));
      expect(limited.admit()).toBe(false);
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toEqual(['ping 1', 'ping 2']);
    });
  });

  describe('a failed message', () => {
    it('gets one error with its id and no ack, and its id is released so a resend runs the handler again', async () => {
      dispatcher.dispatchText(text({ type: 'chat', room: 'r1', text: 'fail once', id: 'c1' }));
      expect(await connection.sentCount(1)).toEqual([
        { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error', id: 'c1' },
      ]);
      await expect(idempotency.claim('alice', 'c1')).resolves.toEqual({ state: 'new' });
      await idempotency.release('alice', 'c1');

      dispatcher.dispatchText(text({ type: 'chat', room: 'r1', text: 'fail once', id: 'c1' }));
      expect(await connection.sentCount(2)).toEqual([
        expect.objectContaining({ id: 'c1', type: 'error' }),
        { type: 'ack', id: 'c1' },
      ]);
      expect(runs).toEqual(['chat fail once', 'chat fail once']);
      expect(refusedCodes).toEqual([ErrorCode.INTERNAL]);
    });

    it("keeps a ProtocolException's code, and a refusing guard's FORBIDDEN, without an ack", async () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 13, y: 0, id: 'm13' }));
      dispatcher.dispatchText(text({ type: 'leave', room: 'r', id: 'l1' }));
      expect(await connection.sentCount(2)).toEqual([
        {
          type: 'error',
          code: ErrorCode.NOT_IN_ROOM,
          message: 'join the room before sending to it',
          id: 'm13',
        },
        { type: 'error', code: ErrorCode.FORBIDDEN, message: 'not allowed', id: 'l1' },
      ]);
      expect(runs).toEqual(['move 13']);
      await expect(idempotency.claim('alice', 'm13')).resolves.toEqual({ state: 'new' });
      await expect(idempotency.claim('alice', 'l1')).resolves.toEqual({ state: 'new' });
    });

    it('ends an Observable that errors with one error instead of the ack, after the values it sent', async () => {
      dispatcher.dispatchText(text({ type: 'subscribe', symbol: 'BROKEN', id: 's2' }));
      expect(await connection.sentCount(3)).toEqual([
        { type: 'pong', t: 1 },
        { type: 'pong', t: 2 },
        { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error', id: 's2' },
      ]);
      await expect(idempotency.claim('alice', 's2')).resolves.toEqual({ state: 'new' });
    });

    it('answers a message without id with an error without id', async () => {
      dispatcher.dispatchText(text({ type: 'move', room: 'r', x: 13, y: 0 }));
      expect(await connection.sentCount(1)).toEqual([
        { type: 'error', code: ErrorCode.NOT_IN_ROOM, message: 'join the room before sending to it' },
      ]);
    });

    it('answers UNAVAILABLE, running nothing, when the id cannot be recorded (the shared store is away)', async () => {
      // A Redis client that was never connected: the store refuses before sending anything.
      const away = new Redis({ lazyConnect: true, host: '127.0.0.1', port: 1 });
      const store = new RedisIdempotencyStore(away, { windowMs: 60_000, maxKeysPerUser: 10 });
      const refusing = new MessageDispatcher(
        connection,
        {},
        handlers.forPath('/ws').handlers,
        store,
        null,
        observer,
      );
      refusing.dispatchText(text({ type: 'move', room: 'r', x: 1, y: 0, id: 'm1' }));
      expect(await connection.sentCount(1)).toEqual([
        {
          type: 'error',
          code: ErrorCode.UNAVAILABLE,
          message: 'could not record the message id; retry',
          id: 'm1',
        },
      ]);
      expect(runs).toEqual([]);
      away.disconnect();
    });
  });

  describe('Socket.IO events', () => {
    it("answers the event's acknowledgement callback with the ack, the error, or nothing for a message without id", async () => {
      const replies: (ServerMessage | undefined)[] = [];
      const reply = (answer?: ServerMessage) => replies.push(answer);
      dispatcher.dispatchEvent('move', { room: 'r', x: 6, y: 0, id: 'e1' }, reply);
      dispatcher.dispatchEvent('move', { room: 'r', x: 13, y: 0, id: 'e2' }, reply);
      dispatcher.dispatchEvent('ping', { t: 3 }, reply);
      await connection.sentCount(3);
      expect(replies).toEqual([
        { type: 'ack', id: 'e1', seq: 106 },
        {
          type: 'error',
          code: ErrorCode.NOT_IN_ROOM,
          message: 'join the room before sending to it',
          id: 'e2',
        },
        undefined,
      ]);
      dispatcher.dispatchEvent('move', 'not an object', reply);
      expect(replies[3]).toEqual({
        type: 'error',
        code: ErrorCode.INVALID_MESSAGE,
        message: 'frame must be an object with a "type"',
      });
    });
  });

  describe('signs of life', () => {
    it('counts a message that reaches its handler (the heartbeat interceptor), and ping/pong frames', async () => {
      dispatcher.dispatchText(text({ type: 'ping', t: 1 }));
      dispatcher.dispatchText(text({ type: 'leave', room: 'r' }));
      await connection.sentCount(2);
      expect(connection.signsOfLife).toBe(2);
      expect(dispatcher.admit()).toBe(true);
      expect(connection.signsOfLife).toBe(3);
    });

    it('does not count a frame refused before any handler: invalid, unknown type or binary', async () => {
      dispatcher.dispatchText('{not json');
      dispatcher.dispatchText(text({ type: 'teleport' }));
      dispatcher.dispatchText(text({ type: 'typing', room: 'r', active: true }));
      dispatcher.dispatchBinary();
      await connection.sentCount(4);
      expect(connection.signsOfLife).toBe(0);
    });
  });
});
