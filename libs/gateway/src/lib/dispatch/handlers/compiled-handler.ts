import {
  ForbiddenException,
  type ArgumentMetadata,
  type CanActivate,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import type { ClientMessage } from '@pulse/protocol';
import { catchError, isObservable, lastValueFrom, of, type Observable } from 'rxjs';
import type { BeforeHandleInterceptor } from './before-handle';
import type { ExceptionFilters } from './exception-filters';
import { HandlerFailure } from './handler-failure';
import { MessageContext } from './message-context';
import type { ResolvedParam, ResolvedParts } from './nest-handler-parts';
import { WsParamType } from './nest-metadata';

/**
 * One `@SubscribeMessage` handler with its guards, pipes, interceptors and exception filters applied, shared by
 * every connection. Returns what the method returned (a value, a promise or an Observable), or a `HandlerFailure`
 * in its place (synchronously, as the promise's value or as the Observable's last value) once the exception
 * filters have seen the failure. Never throws and never rejects.
 */
export type CompiledHandler = (client: object, message: ClientMessage) => unknown;

/** Nest's own path for one handler (`ExternalContextCreator.create(..., 'ws')`): guards, pipes, interceptors, the method. */
export type NestHandler = (...args: unknown[]) => Promise<unknown>;

export interface HandlerParts {
  readonly instance: object;
  readonly method: (...args: unknown[]) => unknown;
  readonly pattern: string;
  /** Interceptors Pulse runs itself, in place and without a promise, before the rest (the module's heartbeat). */
  readonly beforeHandle: readonly BeforeHandleInterceptor[];
  readonly viaNest: NestHandler;
  /** The guards, pipes and parameters Nest resolved, when no interceptor of Nest's applies: the synchronous path. */
  readonly direct: ResolvedParts | undefined;
  readonly filters: ExceptionFilters;
}

const FORBIDDEN_RESOURCE = 'Forbidden resource';

/**
 * Runs a message as Nest would, with `[client, message, pattern]` as the arguments every enhancer sees, and turns
 * whatever failed (an in-place interceptor, a guard's refusal, a pipe, an interceptor, the method, its promise or
 * Observable) into a `HandlerFailure` after the handler's exception filters took their pick.
 *
 * With no interceptor on Nest's side (`direct`), Pulse runs the guards and pipes Nest resolved itself, with Nest's
 * semantics (guards in order, a falsy answer is "Forbidden resource"; every parameter through the global, class,
 * method and parameter pipes, in order), synchronously wherever they answer synchronously: no promise, closure or
 * RxJS per message beyond the arguments and one context. Otherwise the message takes Nest's own path.
 */
export function compileHandler(parts: HandlerParts): CompiledHandler {
  const { instance, method, pattern, beforeHandle, viaNest, direct, filters } = parts;
  const classRef = instance.constructor as Type<unknown>;

  const fail = (thrown: unknown, context: MessageContext): HandlerFailure => {
    const error = asWsRefusal(thrown);
    let caught = true;
    try {
      caught = filters.invoke(error, context);
    } catch {
      // a filter that throws has answered nothing: the dispatcher answers INTERNAL
    }
    return new HandlerFailure(error, caught, context.failureAnswer);
  };

  const settle = (result: unknown, context: MessageContext): unknown => {
    if (isObservable(result)) return result.pipe(catchError((error: unknown) => of(fail(error, context))));
    if (isThenable(result))
      return result.then(
        (value) => settle(value, context),
        (error: unknown) => fail(error, context),
      );
    return result;
  };

  const runDirect = direct ? directRunner(instance, method, direct) : undefined;

  return (client, message) => {
    const args: unknown[] = [client, message, pattern];
    const context = new MessageContext(args, classRef, method);
    try {
      for (let i = 0; i < beforeHandle.length; i++) beforeHandle[i].beforeHandle(context);
      if (runDirect) return settle(runDirect(args, context), context);
      return viaNest(client, message, pattern).catch((error: unknown) => fail(error, context));
    } catch (error) {
      return fail(error, context);
    }
  };
}

/** Guards, then the parameters through their pipes, then the method: synchronously until something answers with a promise. */
function directRunner(
  instance: object,
  method: (...args: unknown[]) => unknown,
  { guards, pipes, params }: ResolvedParts,
) {
  const compiled = params.map((param) => ({
    param,
    pipes: [...pipes, ...param.pipes],
    metadata: pipeMetadataOf(param),
  }));
  const argsLength = params.reduce((length, { index }) => Math.max(length, index + 1), 0);
  const call = (args: unknown[]): unknown => {
    if (compiled.length === 0) return method.apply(instance, args);
    const values: unknown[] = new Array(argsLength).fill(undefined);
    let pending: Promise<void>[] | undefined;
    for (const { param, pipes: chain, metadata } of compiled) {
      const value = transform(param.extractValue(...args), chain, metadata, 0);
      if (isThenable(value))
        (pending ??= []).push(value.then((resolved) => void (values[param.index] = resolved)));
      else values[param.index] = value;
    }
    return pending
      ? Promise.all(pending).then(() => method.apply(instance, values))
      : method.apply(instance, values);
  };
  return (args: unknown[], context: MessageContext): unknown => {
    const verdict = activate(guards, 0, context);
    return verdict === true ? call(args) : verdict.then(() => call(args));
  };
}

/** What Nest's `PipesConsumer` tells pipes: `@MessageBody()` is `'body'`, the rest `'custom'`. */
function pipeMetadataOf(param: ResolvedParam): ArgumentMetadata {
  return {
    type: param.type === WsParamType.PAYLOAD ? 'body' : 'custom',
    data: param.data as string | undefined,
    metatype: param.metatype as ArgumentMetadata['metatype'],
    ...(param.schema === undefined ? {} : { schema: param.schema }),
  } as ArgumentMetadata;
}

/** Runs guards from `from` on; `true` if every one answered synchronously, else a promise of the rest. */
function activate(
  guards: readonly CanActivate[],
  from: number,
  context: MessageContext,
): true | Promise<true> {
  for (let i = from; i < guards.length; i++) {
    const answer = guards[i].canActivate(context);
    if (typeof answer === 'boolean') {
      if (!answer) throw new WsException(FORBIDDEN_RESOURCE);
      continue;
    }
    return pick(answer).then((allowed) => {
      if (!allowed) throw new WsException(FORBIDDEN_RESOURCE);
      return activate(guards, i + 1, context);
    });
  }
  return true;
}

async function pick(answer: Promise<boolean> | Observable<boolean>): Promise<boolean> {
  const value: unknown = await answer;
  return isObservable(value) ? Boolean(await lastValueFrom(value)) : Boolean(value);
}

/** Applies the pipes in order from `from`, synchronously until one answers with a promise. */
function transform(
  value: unknown,
  pipes: readonly PipeTransform[],
  metadata: ArgumentMetadata,
  from: number,
): unknown {
  for (let i = from; i < pipes.length; i++) {
    const next: unknown = pipes[i].transform(value, metadata);
    if (isThenable(next)) return next.then((resolved) => transform(resolved, pipes, metadata, i + 1));
    value = next;
  }
  return value;
}

/** A guard's refusal as Nest's WebSocket path raises it (`WsException`), not as the HTTP one `ExternalContextCreator` throws. */
function asWsRefusal(error: unknown): unknown {
  return error instanceof ForbiddenException &&
    error.message === FORBIDDEN_RESOURCE &&
    error.cause === undefined
    ? new WsException(FORBIDDEN_RESOURCE)
    : error;
}

export function isThenable(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
