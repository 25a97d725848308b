import {
  Catch,
  createParamDecorator,
  Injectable,
  SetMetadata,
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
import {
  APP_GUARD,
  DiscoveryModule,
  DiscoveryService,
  ExternalContextCreator,
  Reflector,
} from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WsException,
} from '@nestjs/websockets';
import type { ClientMessage } from '@pulse/protocol';
import { isObservable, lastValueFrom, map, of, throwError, type Observable } from 'rxjs';
import { BeforeHandleInterceptor } from './before-handle';
import { GatewayHandlers } from './gateway-handlers';
import { HandlerCompiler } from './handler-compiler';
import { HandlerFailure } from './handler-failure';

const caught: { error: unknown; client: unknown; data: unknown }[] = [];
const calls: unknown[][] = [];
const VIP = 'vip';

@Catch()
class RecordingFilter implements WsExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    caught.push({ error, client: ws.getClient(), data: ws.getData() });
  }
}

@Injectable()
class VipGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.get<boolean>(VIP, context.getHandler())) return true;
    return context.switchToWs().getData<{ vip?: boolean }>().vip === true;
  }
}

/** A global guard registered as APP_GUARD: refuses messages flagged `banned`. */
@Injectable()
class BanGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToWs().getData<{ banned?: boolean }>().banned !== true;
  }
}

class AsyncGuard implements CanActivate {
  canActivate(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.switchToWs().getData<{ allow?: boolean }>().allow === true);
  }
}

class ObservableGuard implements CanActivate {
  canActivate(context: ExecutionContext): Observable<boolean> {
    return of(context.switchToWs().getData<{ allow?: boolean }>().allow === true);
  }
}

const pipeTypes: string[] = [];

/** Records what each pipe call saw as `metadata.type`, as Nest's `ValidationPipe` branches on it. */
class TypeRecorder implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    pipeTypes.push(metadata.type);
    return value;
  }
}

const before: string[] = [];

class Marking extends BeforeHandleInterceptor {
  beforeHandle(context: ExecutionContext): void {
    before.push(context.switchToWs().getPattern());
  }
}

/** Stands for the module's heartbeat: run in place by the compiler, before Nest's path. */
class InPlace extends BeforeHandleInterceptor {
  beforeHandle(context: ExecutionContext): void {
    before.push(`in place: ${context.switchToWs().getPattern()}`);
  }
}

class Suffix implements PipeTransform {
  constructor(private readonly suffix: string) {}
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.data === 'text' && typeof value === 'string' ? value + this.suffix : value;
  }
}

class AsyncSuffix implements PipeTransform {
  transform(value: unknown): Promise<unknown> {
    return Promise.resolve(typeof value === 'string' ? `${value}+async` : value);
  }
}

class Doubling implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((value) => ({ ...(value as object), doubled: true })));
  }
}

const Tag = createParamDecorator(
  (data: string, context: ExecutionContext) => `${data}:${context.switchToWs().getPattern()}`,
);

@WebSocketGateway({ path: '/ws' })
@UseFilters(RecordingFilter)
@UseGuards(VipGuard)
@UsePipes(new Suffix('!'))
class MainGateway {
  @SubscribeMessage('echo')
  echo(@MessageBody('text') text: string, @ConnectedSocket() client: object, @Tag('t') tag: string): object {
    calls.push([text, client, tag]);
    return { type: 'pong', text, tag };
  }

  @SubscribeMessage('raw')
  raw(...args: unknown[]): string {
    calls.push(args);
    return 'raw';
  }

  @SubscribeMessage('vip')
  @SetMetadata(VIP, true)
  vip(): string {
    return 'welcome';
  }

  @SubscribeMessage('gated-async')
  @UseGuards(AsyncGuard)
  gatedAsync(): string {
    return 'through';
  }

  @SubscribeMessage('gated-observable')
  @UseGuards(ObservableGuard)
  gatedObservable(): string {
    return 'through';
  }

  @SubscribeMessage('piped')
  piped(@MessageBody('text', new AsyncSuffix()) text: string): string {
    return text;
  }

  @SubscribeMessage('throws')
  throws(): never {
    throw new WsException('broken');
  }

  @SubscribeMessage('rejects')
  async rejects(): Promise<never> {
    throw new Error('async broken');
  }

  @SubscribeMessage('errors-later')
  errorsLater(): Observable<never> {
    return throwError(() => new Error('stream broken'));
  }

  @SubscribeMessage('typed')
  @UsePipes(TypeRecorder)
  typed(@MessageBody() body: object, @ConnectedSocket() client: object, @Tag('t') tag: string): string {
    return [body, client, tag].length === 3 ? 'typed' : 'missing';
  }

  @SubscribeMessage('marked')
  @UseInterceptors(Marking)
  marked(): string {
    return 'marked';
  }

  @SubscribeMessage('marked-then-doubled')
  @UseInterceptors(Marking, Doubling)
  markedThenDoubled(): object {
    return { value: 2 };
  }

  @SubscribeMessage('intercepted')
  @UseInterceptors(Doubling)
  intercepted(): object {
    return { value: 1 };
  }
}

@WebSocketGateway({ path: '/other' })
class OtherGateway {
  @SubscribeMessage('elsewhere')
  elsewhere(): string {
    return 'other';
  }
}

describe('GatewayHandlers', () => {
  let app: INestApplication;
  let handlers: GatewayHandlers;
  const client = { id: 'client' };
  const run = (type: string, body: object = {}) =>
    handlers.forPath('/ws').handlers.get(type)?.(client, { type, ...body } as unknown as ClientMessage);
  const invoke = async (type: string, body: object = {}) => run(type, body);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [MainGateway, OtherGateway, { provide: APP_GUARD, useClass: BanGuard }],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(new Suffix('?'));
    await app.init();
    handlers = GatewayHandlers.discover(
      app.get(DiscoveryService),
      new HandlerCompiler(app.get(ExternalContextCreator), [new InPlace()]),
    );
  });

  afterAll(() => app.close());

  beforeEach(() => {
    caught.length = 0;
    calls.length = 0;
    pipeTypes.length = 0;
    before.length = 0;
  });

  const failed = (result: unknown) => {
    expect(result).toBeInstanceOf(HandlerFailure);
    return result as HandlerFailure;
  };

  it('fills @MessageBody, @ConnectedSocket and custom decorators, through global then class pipes', async () => {
    const result = await invoke('echo', { text: 'hi' });
    expect(result).toEqual({ type: 'pong', text: 'hi?!', tag: 't:echo' });
    expect(calls).toEqual([['hi?!', client, 't:echo']]);
  });

  it('calls a method without parameter decorators with (client, message, ack), as Nest does', async () => {
    await expect(invoke('raw', { n: 1 })).resolves.toBe('raw');
    expect(calls).toEqual([[client, { type: 'raw', n: 1 }, undefined]]);
  });

  it('refuses with "Forbidden resource" when a guard answers false, without calling the method', async () => {
    expect(failed(await invoke('vip')).caught).toBe(true);
    expect(caught).toHaveLength(1);
    expect(caught[0].error).toBeInstanceOf(WsException);
    expect((caught[0].error as WsException).message).toBe('Forbidden resource');
    expect(caught[0].client).toBe(client);
    await expect(invoke('vip', { vip: true })).resolves.toBe('welcome');
  });

  it('applies global guards (APP_GUARD) to gateway messages', async () => {
    failed(await invoke('raw', { banned: true }));
    expect(calls).toEqual([]);
    expect((caught[0].error as WsException).message).toBe('Forbidden resource');
  });

  it('waits for guards that answer with a promise or an Observable', async () => {
    await expect(invoke('gated-async', { allow: true })).resolves.toBe('through');
    await expect(invoke('gated-observable', { allow: true })).resolves.toBe('through');
    failed(await invoke('gated-async', { allow: false }));
    failed(await invoke('gated-observable', { allow: false }));
    expect(caught.map(({ error }) => (error as Error).message)).toEqual([
      'Forbidden resource',
      'Forbidden resource',
    ]);
  });

  it('runs a parameter pipe that answers with a promise after the global and class pipes', async () => {
    await expect(invoke('piped', { text: 'x' })).resolves.toBe('x?!+async');
  });

  it('hands anything thrown, rejected or errored to the exception filters, and gives back a failure, never throwing', async () => {
    expect(failed(await invoke('throws')).exception).toBeInstanceOf(WsException);
    expect(failed(await invoke('rejects')).caught).toBe(true);
    // On the synchronous path an Observable streams as Nest's WebSocket path streams it; its error ends it as a failure.
    const stream = run('errors-later');
    expect(isObservable(stream)).toBe(true);
    failed(await lastValueFrom(stream as Observable<unknown>));
    expect(caught.map(({ error }) => (error as Error).message)).toEqual([
      'broken',
      'async broken',
      'stream broken',
    ]);
    expect(caught[1].data).toEqual({ type: 'rejects' });
    expect(caught[1].client).toBe(client);
  });

  it("tells pipes metadata.type as Nest does: 'body' for @MessageBody, 'custom' for the socket and custom decorators", async () => {
    await expect(invoke('typed', { n: 1 })).resolves.toBe('typed');
    expect(pipeTypes.sort()).toEqual(['body', 'custom', 'custom']);
  });

  it('answers synchronously, with no promise, when no interceptor applies and the guards and pipes answer synchronously', () => {
    expect(run('echo', { text: 'hi' })).toEqual({ type: 'pong', text: 'hi?!', tag: 't:echo' });
    expect(run('raw', { n: 1 })).toBe('raw');
    expect(run('vip')).toBeInstanceOf(HandlerFailure);
    expect(run('gated-async', { allow: true })).toBeInstanceOf(Promise);
  });

  it("takes Nest's own path (a promise) for a handler that has interceptors", () => {
    expect(run('intercepted')).toBeInstanceOf(Promise);
  });

  it("runs the module's synchronous interceptors in place, at once, before Nest's path", async () => {
    const result = invoke('raw');
    expect(before).toEqual(['in place: raw']);
    await result;
  });

  it("runs a BeforeHandleInterceptor named with @UseInterceptors on Nest's path, like any interceptor", async () => {
    await expect(invoke('marked')).resolves.toBe('marked');
    expect(before).toEqual(['in place: marked', 'marked']);
    await expect(invoke('marked-then-doubled')).resolves.toEqual({ value: 2, doubled: true });
  });

  it('runs interceptors around the call and gives what they map', async () => {
    await expect(invoke('intercepted')).resolves.toEqual({ value: 1, doubled: true });
  });

  it('keeps each native path to its own gateways, and gives Socket.IO every handler', async () => {
    expect(handlers.forPath('/ws').handlers.has('elsewhere')).toBe(false);
    expect(
      handlers.forPath('/other').handlers.get('elsewhere')?.(client, {
        type: 'elsewhere',
      } as unknown as ClientMessage),
    ).toBe('other');
    expect(handlers.forPath('/nowhere').handlers.size).toBe(0);
    expect([...handlers.all.handlers.keys()]).toEqual(expect.arrayContaining(['echo', 'raw', 'elsewhere']));
  });
});
