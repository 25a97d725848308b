import {
  Catch,
  Injectable,
  Module,
  Scope,
  ValidationPipe,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type ArgumentMetadata,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  type NestInterceptor,
  type PipeTransform,
  type WsExceptionFilter,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  WsException,
} from '@nestjs/websockets';
import { AuthModule, type UpgradeAuthorizer } from '@pulse/auth';
import { answerFailure, PulseAdapter, PulseGatewayModule } from '@pulse/gateway';
import { ErrorCode } from '@pulse/protocol';
import type { AddressInfo } from 'node:net';
import { IsInt, IsString, Max } from 'class-validator';
import { map, type Observable } from 'rxjs';
import { WebSocket, type WebSocketServer as WsServer } from 'ws';

/**
 * The same gateway, with guards, pipes, interceptors and filters at every level, served by Nest's own `WsAdapter`
 * and by `PulseAdapter`: what the handler and its enhancers saw must be the same; what the client received differs
 * only where Pulse answers on purpose (each such case names the difference; docs/extending.md lists them).
 */

/** What the gateway and its enhancers saw, in order. */
const seen: string[] = [];

class TeamError extends Error {}
class GlobalError extends Error {}

/** Branches on `metadata.type` as Nest's `ValidationPipe` does: only the body is validated. */
class BodyCheckPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    seen.push(`pipe:${metadata.type}`);
    if (metadata.type !== 'body') return value;
    if ((value as { text?: string }).text === 'invalid') throw new WsException('text is invalid');
    return value;
  }
}

@Injectable()
class TeamGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToWs().getData<{ text?: string }>().text !== 'forbidden';
  }
}

class TaggingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    seen.push('interceptor');
    return next
      .handle()
      .pipe(
        map((value) =>
          typeof value === 'object' && value !== null && 'event' in value
            ? { ...value, data: { t: 2 } }
            : value,
        ),
      );
  }
}

/** Class level, for `TeamError` only: answers with a code of its own. */
@Catch(TeamError)
class TeamErrorFilter implements WsExceptionFilter {
  catch(_error: unknown, host: ArgumentsHost): void {
    seen.push('filter:class');
    answerFailure(host, { type: 'error', code: ErrorCode.NOT_IN_ROOM, message: 'team says no' });
  }
}

/** Method level, for everything: handles the error and answers nothing. */
@Catch()
class SwallowingFilter implements WsExceptionFilter {
  catch(): void {
    seen.push('filter:method');
  }
}

/** Global (`app.useGlobalFilters`), for `GlobalError` only. Nest does not apply it to gateways. */
@Catch(GlobalError)
class GlobalErrorFilter implements WsExceptionFilter {
  catch(): void {
    seen.push('filter:global');
  }
}

/** Global (`app.useGlobalGuards`): refuses `globally-forbidden`. Nest applies global guards to gateways. */
class GlobalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToWs().getData<{ text?: string }>().text !== 'globally-forbidden';
  }
}

/** What `ValidationPipe` checks a move against (the wire allows any coordinate; this gateway only 0-10). */
class SmallMove {
  @IsString() room!: string;
  @IsInt() @Max(10) x!: number;
  @IsInt() y!: number;
}

/** Request-scoped: Nest's WebSocket contexts are static, so what it does here is what Pulse must do too. */
@Injectable({ scope: Scope.REQUEST })
class RequestScopedInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    seen.push('interceptor:request-scoped');
    return next.handle();
  }
}

@WebSocketGateway({ path: '/ws' })
@UseGuards(TeamGuard)
@UsePipes(BodyCheckPipe)
@UseFilters(TeamErrorFilter)
class ParityGateway {
  @WebSocketServer() server!: WsServer;

  @SubscribeMessage('chat')
  chat(@MessageBody() body: { text: string }, @ConnectedSocket() client: object): unknown {
    seen.push(
      `handler:${body.text}:${client instanceof WebSocket ? 'socket' : 'other'}:${this.server.clients?.size ?? 'no clients'}`,
    );
    if (body.text === 'ws-exception') throw new WsException('refused by the handler');
    if (body.text === 'plain-error') throw new Error('a bug');
    if (body.text === 'team-error') throw new TeamError('team');
    if (body.text === 'global-error') throw new GlobalError('global');
    if (body.text === 'rejects') return Promise.reject(new Error('async bug'));
    return { event: 'pong', data: { t: 1 } };
  }

  @SubscribeMessage('typing')
  @UseFilters(SwallowingFilter)
  typing(): never {
    seen.push('handler:typing');
    throw new Error('caught by the method filter');
  }

  @SubscribeMessage('move')
  @UsePipes(new ValidationPipe({ transform: true }))
  move(@MessageBody() body: SmallMove): unknown {
    seen.push(`handler:move:${body instanceof SmallMove ? 'SmallMove' : typeof body}:${body.x}`);
    return { event: 'pong', data: { t: 3 } };
  }

  @SubscribeMessage('leave')
  @UseInterceptors(RequestScopedInterceptor)
  leave(): unknown {
    seen.push('handler:leave');
    return { event: 'pong', data: { t: 4 } };
  }

  @SubscribeMessage('subscribe')
  @UseInterceptors(TaggingInterceptor)
  subscribe(@MessageBody() body: { symbol: string }): unknown {
    seen.push(`handler:${body.symbol}`);
    return { event: 'pong', data: { t: 1 } };
  }
}

/** The barrier, on the same path without enhancers: answered on both, so a test knows all it sent before was handled. */
@WebSocketGateway({ path: '/ws' })
class BarrierGateway {
  @SubscribeMessage('unsubscribe')
  unsubscribe(): unknown {
    return { event: 'pong', data: { t: 0 } };
  }
}

@Module({ providers: [ParityGateway, BarrierGateway, TeamGuard, RequestScopedInterceptor] })
class ParityModule {}

const auth = {
  jwtSecret: 'parity-test-secret-of-32-characters!',
  accessTokenTtlSeconds: 60,
  ticketTtlSeconds: 30,
  devLogin: false,
  allowedOrigins: [],
};

@Module({ imports: [AuthModule.forRoot(auth), PulseGatewayModule.forRoot(), ParityModule] })
class PulseParityModule {}

/** Lets every upgrade in as user `u1`: the parity is about handlers, not tickets. */
const everyone: UpgradeAuthorizer = {
  authorize: async () => ({ ok: true, user: { id: 'u1', name: 'U1', roles: [] } }),
};

type Frame = Record<string, unknown>;

/** One way of serving the gateway: how to start it, and how a message is written on its wire. */
interface Path {
  readonly name: 'nest' | 'pulse';
  start(): Promise<INestApplication>;
  frame(type: string, body: Frame): Frame;
  /** The barrier's answer as this path writes it. */
  readonly barrier: Frame;
}

const nest: Path = {
  name: 'nest',
  start: async () => {
    const app = await NestFactory.create(ParityModule, { logger: false });
    app.useWebSocketAdapter(new WsAdapter(app));
    app.useGlobalFilters(new GlobalErrorFilter());
    app.useGlobalGuards(new GlobalGuard());
    return app;
  },
  frame: (type, body) => ({ event: type, data: body }),
  barrier: { event: 'pong', data: { t: 0 } },
};

const pulse: Path = {
  name: 'pulse',
  start: async () => {
    const app = await NestFactory.create(PulseParityModule, { logger: false, abortOnError: false });
    app.useWebSocketAdapter(new PulseAdapter(app, everyone));
    app.useGlobalFilters(new GlobalErrorFilter());
    app.useGlobalGuards(new GlobalGuard());
    return app;
  },
  frame: (type, body) => ({ type, ...body }),
  barrier: { type: 'pong', t: 0 },
};

/** A raw `ws` client that keeps every frame and waits for the barrier's answer instead of sleeping. */
class RawClient {
  readonly frames: Frame[] = [];
  private waiting?: () => void;

  private constructor(
    private readonly socket: WebSocket,
    private readonly path: Path,
  ) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (sameFrame(frame, path.barrier)) this.waiting?.();
      else this.frames.push(frame);
    });
  }

  static async open(url: string, path: Path): Promise<RawClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawClient(socket, path);
  }

  /** Sends the messages, then the barrier; resolves with what arrived before the barrier's answer. */
  async exchange(...messages: [string, Frame][]): Promise<Frame[]> {
    this.frames.length = 0;
    const answered = new Promise<void>((resolve, reject) => {
      this.waiting = resolve;
      // not a wait for the answer: what to report if it never comes, well before jest's own timeout
      setTimeout(
        () => reject(new Error(`${this.path.name}: no barrier answer; got ${JSON.stringify(this.frames)}`)),
        10_000,
      ).unref();
    });
    for (const [type, body] of messages) this.socket.send(JSON.stringify(this.path.frame(type, body)));
    this.socket.send(JSON.stringify(this.path.frame('unsubscribe', { symbol: 'END' })));
    await answered;
    return [...this.frames];
  }

  close(): void {
    this.socket.close();
  }
}

/** Frames compared by content, not key order. */
function sameFrame(a: Frame, b: Frame): boolean {
  const canonical = (frame: Frame): string => JSON.stringify(frame, Object.keys(frame).sort());
  return canonical(a) === canonical(b) && JSON.stringify(a.data) === JSON.stringify(b.data);
}

interface Served {
  readonly app: INestApplication;
  readonly client: RawClient;
}

async function serve(path: Path): Promise<Served> {
  const app = await path.start();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const client = await RawClient.open(`ws://127.0.0.1:${port}/ws?ticket=any`, path);
  return { app, client };
}

describe('parity with Nest: one gateway through WsAdapter and through PulseAdapter', () => {
  const served = new Map<Path['name'], Served>();

  beforeAll(async () => {
    for (const path of [nest, pulse]) served.set(path.name, await serve(path));
  });

  afterAll(async () => {
    for (const { app, client } of served.values()) {
      client.close();
      await app.close();
    }
  });

  /** What Nest's own base filter sends a stock WsAdapter client when no filter of the gateway took the exception. */
  function nestException(pattern: string, data: object, message: string): Frame {
    return {
      event: 'exception',
      data: { status: 'error', message, cause: { pattern, data } },
    } as unknown as Frame;
  }

  /** Runs the exchange on both paths; returns what the gateway saw and what the client got, by path. */
  async function both(
    ...messages: [string, Frame][]
  ): Promise<Record<Path['name'], { saw: string[]; got: Frame[] }>> {
    const result = {} as Record<Path['name'], { saw: string[]; got: Frame[] }>;
    for (const [name, { client }] of served) {
      seen.length = 0;
      const got = await client.exchange(...messages);
      result[name] = { saw: [...seen], got };
    }
    return result;
  }

  it("gives pipes metadata.type 'body' for @MessageBody and 'custom' for @ConnectedSocket, the socket, and the server's clients", async () => {
    const { nest, pulse } = await both(['chat', { room: 'r1', text: 'hello' }]);
    expect(nest.saw.sort()).toEqual(['handler:hello:socket:1', 'pipe:body', 'pipe:custom']);
    expect(pulse.saw.sort()).toEqual(nest.saw);
  });

  it('sends a returned { event, data } to the sender, each in its own envelope', async () => {
    const { nest, pulse } = await both(['chat', { room: 'r1', text: 'hello' }]);
    expect(nest.got).toEqual([{ event: 'pong', data: { t: 1 } }]);
    // Difference by design: Pulse's wire is `{ type, ...fields }`, so `{ event, data }` goes out as `{ type: event, ...data }`.
    expect(pulse.got).toEqual([{ type: 'pong', t: 1 }]);
  });

  it('runs method interceptors around the handler and sends what they map', async () => {
    const { nest, pulse } = await both(['subscribe', { symbol: 'ACME' }]);
    // Nest runs pipes inside the interceptors, just before the method.
    expect(nest.saw).toEqual(['interceptor', 'pipe:body', 'handler:ACME']);
    expect(pulse.saw).toEqual(nest.saw);
    expect(nest.got).toEqual([{ event: 'pong', data: { t: 2 } }]);
    expect(pulse.got).toEqual([{ type: 'pong', t: 2 }]);
  });

  it("does not call the handler when a guard refuses; Pulse answers FORBIDDEN where Nest sends its 'exception' event", async () => {
    const { nest, pulse } = await both(['chat', { room: 'r1', text: 'forbidden', id: 'g1' }]);
    expect(nest.saw).toEqual([]);
    expect(pulse.saw).toEqual([]);
    expect(nest.got).toEqual([
      nestException('chat', { room: 'r1', text: 'forbidden', id: 'g1' }, 'Forbidden resource'),
    ]);
    expect(pulse.got).toEqual([
      { type: 'error', code: ErrorCode.FORBIDDEN, message: 'not allowed', id: 'g1' },
    ]);
  });

  it("does not call the handler when a pipe refuses the body; Pulse answers INVALID_MESSAGE where Nest sends its 'exception' event", async () => {
    const { nest, pulse } = await both(['chat', { room: 'r1', text: 'invalid', id: 'p1' }]);
    expect(nest.saw.sort()).toEqual(['pipe:body', 'pipe:custom']);
    expect(pulse.saw.sort()).toEqual(nest.saw);
    expect(nest.got).toEqual([
      nestException('chat', { room: 'r1', text: 'invalid', id: 'p1' }, 'text is invalid'),
    ]);
    expect(pulse.got).toEqual([
      { type: 'error', code: ErrorCode.INVALID_MESSAGE, message: 'text is invalid', id: 'p1' },
    ]);
  });

  it.each([
    [
      'ws-exception',
      { code: ErrorCode.INVALID_MESSAGE, message: 'refused by the handler' },
      'refused by the handler',
    ],
    ['plain-error', { code: ErrorCode.INTERNAL, message: 'internal error' }, 'Internal server error'],
    ['rejects', { code: ErrorCode.INTERNAL, message: 'internal error' }, 'Internal server error'],
  ])(
    "a handler that fails with %s, no filter taking it: Nest sends its 'exception' event, Pulse an error with the id and no ack",
    async (text, error, nestMessage) => {
      const { nest, pulse } = await both(['chat', { room: 'r1', text, id: `x-${text}` }]);
      expect(nest.saw).toContain(`handler:${text}:socket:1`);
      expect(pulse.saw.sort()).toEqual(nest.saw.sort());
      // Difference by design: Pulse answers in the protocol's `error` (with the message id), never with the client's data.
      expect(nest.got).toEqual([nestException('chat', { room: 'r1', text, id: `x-${text}` }, nestMessage)]);
      expect(pulse.got).toEqual([{ type: 'error', ...error, id: `x-${text}` }]);
    },
  );

  it('runs the filter of the level that matches, method or class, on both paths; global ones on neither', async () => {
    const method = await both(['typing', { room: 'r1', active: true, id: 't1' }]);
    // A method without parameter decorators is called with (client, data, pattern); Nest pipes each of them.
    expect(method.nest.saw).toEqual([
      'pipe:custom',
      'pipe:body',
      'pipe:custom',
      'handler:typing',
      'filter:method',
    ]);
    expect(method.pulse.saw).toEqual(method.nest.saw);
    // A team filter that handled the error without answering: Pulse answers INTERNAL, never an ack.
    expect(method.pulse.got).toEqual([
      { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error', id: 't1' },
    ]);

    const team = await both(['chat', { room: 'r1', text: 'team-error', id: 'c1' }]);
    expect(team.nest.saw).toContain('filter:class');
    expect(team.pulse.saw.sort()).toEqual(team.nest.saw.sort());
    // The class filter answered through answerFailure: its answer is the one Pulse sends.
    expect(team.pulse.got).toEqual([
      { type: 'error', code: ErrorCode.NOT_IN_ROOM, message: 'team says no', id: 'c1' },
    ]);

    const global = await both(['chat', { room: 'r1', text: 'global-error', id: 'c2' }]);
    // Nest's gateways ignore app.useGlobalFilters (its ws filter context has no global filters); so does Pulse.
    expect(global.nest.saw).not.toContain('filter:global');
    expect(global.pulse.saw.sort()).toEqual(global.nest.saw.sort());
    expect(global.pulse.got).toEqual([
      { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error', id: 'c2' },
    ]);
    // Filters that took the exception answered nothing on Nest's path; with no filter taking it Nest's base one answers.
    for (const { got } of [method.nest, team.nest]) expect(got).toEqual([]);
    expect(global.nest.got).toEqual([
      nestException('chat', { room: 'r1', text: 'global-error', id: 'c2' }, 'Internal server error'),
    ]);
  });

  it('runs guards registered with app.useGlobalGuards() on both paths', async () => {
    const { nest, pulse } = await both(['chat', { room: 'r1', text: 'globally-forbidden', id: 'gg1' }]);
    expect(nest.saw).toEqual([]);
    expect(pulse.saw).toEqual([]);
    expect(nest.got).toEqual([
      nestException('chat', { room: 'r1', text: 'globally-forbidden', id: 'gg1' }, 'Forbidden resource'),
    ]);
    expect(pulse.got).toEqual([
      { type: 'error', code: ErrorCode.FORBIDDEN, message: 'not allowed', id: 'gg1' },
    ]);
  });

  it("validates and transforms the body with Nest's ValidationPipe on both paths, and refuses what it refuses", async () => {
    const ok = await both(['move', { room: 'r1', x: 4, y: 2 }]);
    expect(ok.nest.saw).toEqual(['pipe:body', 'handler:move:SmallMove:4']);
    expect(ok.pulse.saw).toEqual(ok.nest.saw);
    expect(ok.pulse.got).toEqual([{ type: 'pong', t: 3 }]);

    const refused = await both(['move', { room: 'r1', x: 40, y: 2, id: 'v1' }]);
    expect(refused.nest.saw).toEqual(['pipe:body']);
    expect(refused.pulse.saw).toEqual(refused.nest.saw);
    // ValidationPipe throws an HTTP BadRequestException: Nest's ws base filter calls it an internal error,
    // Pulse answers INVALID_MESSAGE (an HttpException is the client's fault) with the exception's message.
    expect(refused.nest.got).toEqual([
      nestException('move', { room: 'r1', x: 40, y: 2, id: 'v1' }, 'Internal server error'),
    ]);
    expect(refused.pulse.got).toEqual([
      { type: 'error', code: ErrorCode.INVALID_MESSAGE, message: 'Bad Request Exception', id: 'v1' },
    ]);
  });

  it('treats a request-scoped interceptor as Nest does (its WebSocket contexts are static)', async () => {
    const { nest, pulse } = await both(['leave', { room: 'r1' }]);
    // Nest runs the interceptor (its static-context instance), then pipes each default parameter.
    expect(nest.saw).toEqual([
      'interceptor:request-scoped',
      'pipe:custom',
      'pipe:body',
      'pipe:custom',
      'handler:leave',
    ]);
    expect(pulse.saw).toEqual(nest.saw);
    expect(nest.got).toEqual([{ event: 'pong', data: { t: 4 } }]);
    expect(pulse.got).toEqual([{ type: 'pong', t: 4 }]);
  });

  it('Pulse: a failed id is never acked nor recorded as applied, so its retry runs again; an applied one is acked once', async () => {
    const { client } = served.get('pulse') as Served;
    seen.length = 0;
    const first = await client.exchange(['typing', { room: 'r1', active: true, id: 'retry-1' }]);
    const retry = await client.exchange(['typing', { room: 'r1', active: true, id: 'retry-1' }]);
    expect(seen.filter((entry) => entry === 'handler:typing')).toHaveLength(2);
    for (const got of [first, retry])
      expect(got).toEqual([
        { type: 'error', code: ErrorCode.INTERNAL, message: 'internal error', id: 'retry-1' },
      ]);

    seen.length = 0;
    const applied = await client.exchange(['chat', { room: 'r1', text: 'once', id: 'ok-1' }]);
    const resent = await client.exchange(['chat', { room: 'r1', text: 'once', id: 'ok-1' }]);
    expect(seen.filter((entry) => entry.startsWith('handler:'))).toEqual(['handler:once:socket:1']);
    expect(applied).toEqual([
      { type: 'pong', t: 1 },
      { type: 'ack', id: 'ok-1' },
    ]);
    expect(resent).toEqual([{ type: 'ack', id: 'ok-1' }]);
  });
});
