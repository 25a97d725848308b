import type { ArgumentMetadata, CanActivate, NestInterceptor, PipeTransform, Type } from '@nestjs/common';
import type { InterceptorsConsumer } from '@nestjs/core/interceptors';
import { WsException } from '@nestjs/websockets';
import type { ClientMessage } from '@pulse/protocol';
import { catchError, EMPTY, isObservable, lastValueFrom, type Observable } from 'rxjs';
import { MessageContext } from './message-context';

/** What Nest's guard consumer throws when a guard answers false; filters recognise it by this text. */
export const FORBIDDEN_MESSAGE = 'Forbidden resource';

/**
 * One `@SubscribeMessage` handler with its guards, pipes, interceptors and exception filters applied, shared by
 * every connection. Returns what the method returned (a value, a promise or an Observable); never throws and
 * never rejects: a failure has gone to the exception filters and the result is `undefined`.
 */
export type CompiledHandler = (client: object, message: ClientMessage) => unknown;

export interface CompiledParam {
  index: number;
  extract: (args: unknown[], context: MessageContext) => unknown;
  metadata: ArgumentMetadata;
  pipes: PipeTransform[];
}

export interface HandlerParts {
  instance: object;
  method: (...args: unknown[]) => unknown;
  pattern: string;
  guards: CanActivate[];
  interceptors: NestInterceptor[];
  interceptorsConsumer: InterceptorsConsumer;
  params: CompiledParam[];
  argsLength: number;
  /** Nest's `WsExceptionsHandler` for this method: its filters, then Nest's default. */
  exceptions: { handle(exception: Error, host: MessageContext): void };
}

/**
 * Builds the per-message path once, with Nest's semantics (guards in order, a falsy answer is "Forbidden
 * resource"; every parameter through the global, class, method and parameter pipes; interceptors around the
 * call; anything thrown to the filters) but synchronous wherever the guards and pipes answer synchronously:
 * no promise, closure or array per message beyond the arguments and one context.
 */
export function compileHandler(parts: HandlerParts): CompiledHandler {
  const { instance, method, pattern, guards, interceptors, interceptorsConsumer, params, argsLength, exceptions } = parts;
  const classRef = instance.constructor as Type<unknown>;

  const fail = (error: unknown, context: MessageContext): undefined => {
    exceptions.handle(error as Error, context);
    return undefined;
  };

  const settle = (result: unknown, context: MessageContext): unknown => {
    if (isObservable(result)) return result.pipe(catchError((error: unknown) => (fail(error, context), EMPTY)));
    if (isThenable(result)) return result.then((value) => settle(value, context), (error: unknown) => fail(error, context));
    return result;
  };

  const call = (args: unknown[], context: MessageContext): unknown => {
    if (params.length === 0) return method.apply(instance, args);
    const values = resolveParams(params, argsLength, args, context);
    return isThenable(values) ? values.then((resolved) => method.apply(instance, resolved)) : method.apply(instance, values);
  };

  const run = (args: unknown[], context: MessageContext): unknown =>
    interceptors.length === 0
      ? call(args, context)
      : interceptorsConsumer.intercept(interceptors, args, instance, method, async () => call(args, context), 'ws');

  return (client, message) => {
    const args: unknown[] = [client, message, pattern];
    const context = new MessageContext(args, classRef, method);
    try {
      const verdict = activate(guards, 0, context);
      return settle(verdict === true ? run(args, context) : verdict.then(() => run(args, context)), context);
    } catch (error) {
      return fail(error, context);
    }
  };
}

/** Runs guards from `from` on; `true` if every one answered synchronously, else a promise of the rest. */
function activate(guards: CanActivate[], from: number, context: MessageContext): true | Promise<true> {
  for (let i = from; i < guards.length; i++) {
    const answer = guards[i].canActivate(context);
    if (typeof answer === 'boolean') {
      if (!answer) throw new WsException(FORBIDDEN_MESSAGE);
      continue;
    }
    return pick(answer).then((allowed) => {
      if (!allowed) throw new WsException(FORBIDDEN_MESSAGE);
      return activate(guards, i + 1, context);
    });
  }
  return true;
}

async function pick(answer: Promise<boolean> | Observable<boolean>): Promise<boolean> {
  const value: unknown = await answer;
  return isObservable(value) ? Boolean(await lastValueFrom(value)) : Boolean(value);
}

function resolveParams(params: CompiledParam[], argsLength: number, args: unknown[], context: MessageContext): unknown[] | Promise<unknown[]> {
  const values: unknown[] = new Array(argsLength).fill(undefined);
  let pending: Promise<void>[] | undefined;
  for (const param of params) {
    const value = transform(param.extract(args, context), param, 0);
    if (isThenable(value)) (pending ??= []).push(value.then((resolved) => void (values[param.index] = resolved)));
    else values[param.index] = value;
  }
  return pending ? Promise.all(pending).then(() => values) : values;
}

/** Applies the param's pipes in order from `from`, synchronously until one answers with a promise. */
function transform(value: unknown, param: CompiledParam, from: number): unknown {
  const { pipes, metadata } = param;
  for (let i = from; i < pipes.length; i++) {
    const next: unknown = pipes[i].transform(value, metadata);
    if (isThenable(next)) return next.then((resolved) => transform(resolved, param, i + 1));
    value = next;
  }
  return value;
}

export function isThenable(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
