import {
  BadRequestException,
  ConsoleLogger,
  Logger,
  UseFilters,
  type ArgumentsHost,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { MessageBody, SubscribeMessage, WebSocketGateway, WsException } from '@nestjs/websockets';
import { ErrorCode, type ClientMessageOf, type ServerMessage } from '@pulse/protocol';
import { InMemoryIdempotencyStore } from '../acks/in-memory-idempotency.store';
import { attachConnection } from '../connection/connection-of';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { GatewayHandlers } from '../dispatch/handlers/gateway-handlers';
import { HandlerCompiler } from '../dispatch/handlers/handler-compiler';
import { MessageDispatcher } from '../dispatch/message-dispatcher';
import type { OutboundFrame } from '../dispatch/outbound-frame';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import { ProtocolExceptionFilter } from './protocol-exception.filter';
import { ProtocolException } from './protocol.exception';

/** What each `ping` throws, by its `t`. */
const THROWN: Record<number, () => unknown> = {
  1: () => new ProtocolException(ErrorCode.NOT_IN_ROOM, 'join the room before sending to it'),
  2: () => new WsException('the board is full'),
  3: () => new Error('secret: password=hunter2'),
  4: () => 'a bare string with a secret',
  5: () => new StoreUnavailableError('redis reconnecting'),
  6: () => new WsException('Forbidden resource'),
  7: () => new BadRequestException('x must be a number'),
};

/** The `t` of every ping the handler ran. */
const runs: number[] = [];

@WebSocketGateway({ path: '/ws' })
@UseFilters(ProtocolExceptionFilter)
class FailingGateway {
  @SubscribeMessage('ping')
  ping(@MessageBody() ping: ClientMessageOf<'ping'>): ServerMessage {
    runs.push(ping.t);
    const thrown = THROWN[ping.t];
    if (thrown) throw thrown();
    return { type: 'pong', t: ping.t };
  }
}

type RecordingConnection = RealtimeConnection & {
  readonly sent: ServerMessage[];
  /** Resolves once a message that matches was sent. */
  until(matches: (message: ServerMessage) => boolean): Promise<void>;
};

/** A connection that records what it was sent. */
function recordingConnection(): RecordingConnection {
  const sent: ServerMessage[] = [];
  const waiters: { matches: (message: ServerMessage) => boolean; resolve: () => void }[] = [];
  const send = (message: ServerMessage) => {
    sent.push(message);
    for (const waiter of waiters) if (waiter.matches(message)) waiter.resolve();
  };
  return {
    id: 'conn-1',
    user: { id: 'alice' },
    transport: 'ws',
    rooms: new Set<string>(),
    sent,
    send,
    sendFrame: (frame: OutboundFrame) => send(frame.message),
    close: () => undefined,
    terminate: () => undefined,
    markAlive: () => undefined,
    checkAlive: () => true,
    setBatching: () => false,
    until: (matches: (message: ServerMessage) => boolean) =>
      new Promise<void>((resolve) => waiters.push({ matches, resolve })),
  } as unknown as RecordingConnection;
}

/** Keeps what Nest's loggers were told, so the spec can check what is logged and stay quiet. */
class RecordingLogger implements LoggerService {
  readonly errors: unknown[] = [];
  readonly others: unknown[] = [];
  log(message: unknown): void {
    this.others.push(message);
  }
  warn(message: unknown): void {
    this.others.push(message);
  }
  error(message: unknown): void {
    this.errors.push(message);
  }
}

describe('ProtocolExceptionFilter', () => {
  let app: INestApplication;
  let handlers: GatewayHandlers;
  let connection: RecordingConnection;
  let idempotency: InMemoryIdempotencyStore;
  let refused: ErrorCode[];
  let dispatcher: MessageDispatcher;
  const logger = new RecordingLogger();

  /** Sends `ping` with `t` and the id `m<t>`, and gives what the client got for it. */
  async function answerTo(t: number): Promise<ServerMessage[]> {
    const before = connection.sent.length;
    dispatcher.dispatchText(JSON.stringify({ type: 'ping', t, id: `m${t}` }));
    // The id'd message waits for its claim; a second, id-less ping marks the end of its answers.
    dispatcher.dispatchText(JSON.stringify({ type: 'ping', t: 0 }));
    await connection.until((message) => message.type === 'pong' && message.t === 0);
    return connection.sent.slice(before, -1);
  }

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [FailingGateway],
    }).compile();
    app = moduleRef.createNestApplication({ logger });
    await app.init();
    handlers = GatewayHandlers.discover(
      app.get(DiscoveryService),
      new HandlerCompiler(app.get(ExternalContextCreator), []),
    );
  });

  afterAll(async () => {
    await app.close();
    Logger.overrideLogger(new ConsoleLogger());
  });

  beforeEach(() => {
    runs.length = 0;
    refused = [];
    logger.errors.length = 0;
    connection = recordingConnection();
    idempotency = new InMemoryIdempotencyStore();
    const client = {};
    attachConnection(client, connection);
    const observer = { received: () => undefined, refused: (code: ErrorCode) => refused.push(code) };
    dispatcher = new MessageDispatcher(
      connection,
      client,
      handlers.forPath('/ws').handlers,
      idempotency,
      null,
      observer,
    );
  });

  it.each([
    [1, 'a ProtocolException', ErrorCode.NOT_IN_ROOM, 'join the room before sending to it'],
    [2, 'a WsException', ErrorCode.INVALID_MESSAGE, 'the board is full'],
    [3, 'a plain Error', ErrorCode.INTERNAL, 'internal error'],
    [4, 'a non-Error', ErrorCode.INTERNAL, 'internal error'],
    [5, 'a store that is away', ErrorCode.UNAVAILABLE, 'temporarily unavailable; retry shortly'],
    [6, "a guard's refusal", ErrorCode.FORBIDDEN, 'not allowed'],
    [7, 'an HttpException (a pipe refusing input)', ErrorCode.INVALID_MESSAGE, 'x must be a number'],
  ])('answers %s (%s) with one error frame carrying the id, and no ack', async (t, _what, code, message) => {
    expect(await answerTo(t)).toEqual([{ type: 'error', code, message, id: `m${t}` }]);
  });

  it('lets the dispatcher see the failure: counted as refused, the id released so a resend runs again', async () => {
    await answerTo(1);
    await answerTo(3);
    expect(refused).toEqual([ErrorCode.NOT_IN_ROOM, ErrorCode.INTERNAL]);
    expect(dispatcher.counters.refused).toBe(2);
    await answerTo(1);
    expect(runs.filter((t) => t !== 0)).toEqual([1, 3, 1]);
    await expect(idempotency.claim('alice', 'm1')).resolves.toEqual({ state: 'new' });
  });

  it('logs what it answers INTERNAL, and never quotes it to the client', async () => {
    const answers = [...(await answerTo(3)), ...(await answerTo(4))];
    expect(JSON.stringify(answers)).not.toContain('secret');
    expect(logger.errors).toEqual([
      expect.objectContaining({
        msg: 'a message handler failed',
        err: expect.objectContaining({ message: 'secret: password=hunter2' }),
      }),
      expect.objectContaining({ msg: 'a message handler failed', err: 'non-error thrown' }),
    ]);
  });

  it('does not log what the client is told plainly', async () => {
    await answerTo(1);
    await answerTo(2);
    await answerTo(5);
    expect(logger.errors).toEqual([]);
  });

  it("on Nest's own adapters (a host that is not Pulse's), sends the error with the message's id to the connection", () => {
    const client = {};
    attachConnection(client, connection);
    const data = { type: 'ping', t: 1, id: 'nest-1' };
    const ws = { getClient: () => client, getData: () => data, getPattern: () => 'ping' };
    const host = {
      switchToWs: () => ws,
      getType: () => 'ws',
      getArgs: () => [client, data],
      getArgByIndex: (i: number) => [client, data][i],
    };
    new ProtocolExceptionFilter().catch(
      new ProtocolException(ErrorCode.LIMIT_EXCEEDED, 'too many rooms'),
      host as unknown as ArgumentsHost,
    );
    expect(connection.sent).toEqual([
      { type: 'error', code: ErrorCode.LIMIT_EXCEEDED, message: 'too many rooms', id: 'nest-1' },
    ]);
  });
});
