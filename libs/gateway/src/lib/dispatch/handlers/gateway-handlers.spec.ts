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
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { NestContainer } from '@nestjs/core/injector/container';
import { Test } from '@nestjs/testing';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WsException } from '@nestjs/websockets';
import type { ClientMessage } from '@pulse/protocol';
import { isObservable, lastValueFrom, map, of, throwError, type Observable } from 'rxjs';
import { GatewayHandlers } from './gateway-handlers';

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

const Tag = createParamDecorator((data: string, context: ExecutionContext) => `${data}:${context.switchToWs().getPattern()}`);

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
  const invoke = (type: string, body: object = {}) => handlers.forPath('/ws').handlers.get(type)?.(client, { type, ...body } as unknown as ClientMessage);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [MainGateway, OtherGateway, { provide: APP_GUARD, useClass: BanGuard }],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(new Suffix('?'));
    handlers = GatewayHandlers.discover((app as unknown as { container: NestContainer }).container);
  });

  afterAll(() => app.close());

  beforeEach(() => {
    caught.length = 0;
    calls.length = 0;
  });

  it('fills @MessageBody, @ConnectedSocket and custom decorators, through global then class pipes, synchronously', () => {
    const result = invoke('echo', { text: 'hi' });
    expect(result).toEqual({ type: 'pong', text: 'hi?!', tag: 't:echo' });
    expect(calls).toEqual([['hi?!', client, 't:echo']]);
  });

  it('calls a method without parameter decorators with (client, message), as Nest does', () => {
    expect(invoke('raw', { n: 1 })).toBe('raw');
    expect(calls).toEqual([[client, { type: 'raw', n: 1 }]]);
  });

  it('refuses with "Forbidden resource" when a guard answers false, without calling the method', () => {
    expect(invoke('vip')).toBeUndefined();
    expect(caught).toHaveLength(1);
    expect(caught[0].error).toBeInstanceOf(WsException);
    expect((caught[0].error as WsException).message).toBe('Forbidden resource');
    expect(caught[0].client).toBe(client);
    expect(invoke('vip', { vip: true })).toBe('welcome');
  });

  it('applies global guards (APP_GUARD) to gateway messages', () => {
    expect(invoke('raw', { banned: true })).toBeUndefined();
    expect(calls).toEqual([]);
    expect((caught[0].error as WsException).message).toBe('Forbidden resource');
  });

  it('waits for guards that answer with a promise or an Observable', async () => {
    await expect(invoke('gated-async', { allow: true })).resolves.toBe('through');
    await expect(invoke('gated-observable', { allow: true })).resolves.toBe('through');
    await expect(invoke('gated-async', { allow: false })).resolves.toBeUndefined();
    await expect(invoke('gated-observable', { allow: false })).resolves.toBeUndefined();
    expect(caught.map(({ error }) => (error as Error).message)).toEqual(['Forbidden resource', 'Forbidden resource']);
  });

  it('runs a parameter pipe that answers with a promise after the global and class pipes', async () => {
    await expect(invoke('piped', { text: 'x' })).resolves.toBe('x?!+async');
  });

  it('hands anything thrown, rejected or errored to the exception filters, and never throws itself', async () => {
    expect(invoke('throws')).toBeUndefined();
    await expect(invoke('rejects')).resolves.toBeUndefined();
    const stream = invoke('errors-later');
    expect(isObservable(stream)).toBe(true);
    await expect(lastValueFrom(stream as Observable<unknown>, { defaultValue: 'none' })).resolves.toBe('none');
    expect(caught.map(({ error }) => (error as Error).message)).toEqual(['broken', 'async broken', 'stream broken']);
    expect(caught[1].data).toEqual({ type: 'rejects' });
  });

  it('runs interceptors around the call', async () => {
    const result = await invoke('intercepted');
    expect(isObservable(result)).toBe(true);
    await expect(lastValueFrom(result as Observable<unknown>)).resolves.toEqual({ value: 1, doubled: true });
  });

  it('keeps each native path to its own gateways, and gives Socket.IO every handler', () => {
    expect(handlers.forPath('/ws').handlers.has('elsewhere')).toBe(false);
    expect(handlers.forPath('/other').handlers.get('elsewhere')?.(client, { type: 'elsewhere' } as unknown as ClientMessage)).toBe('other');
    expect(handlers.forPath('/nowhere').handlers.size).toBe(0);
    expect([...handlers.all.handlers.keys()]).toEqual(expect.arrayContaining(['echo', 'raw', 'elsewhere']));
  });
});
