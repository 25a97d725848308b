import type { ExternalContextCreator } from '@nestjs/core';
import type { BeforeHandleInterceptor } from './before-handle';
import { compileHandler, type CompiledHandler, type NestHandler } from './compiled-handler';
import { ExceptionFilters, type HostModule } from './exception-filters';
import { createRecording, hasInterceptors } from './nest-handler-parts';
import { NestMetadata, WsParamType } from './nest-metadata';
import { WsParamsFactory } from './ws-params.factory';

type Method = (...args: unknown[]) => unknown;

const WS_PARAMS = new WsParamsFactory();

/** Where Pulse records, for a method without parameter decorators, the parameters Nest's WebSocket path gives it. */
const DEFAULT_ARGUMENTS = 'pulse:ws-default-arguments';

/** Nest's WebSocket default for such a method: `(socket, payload, ack)`, each through the pipes. */
const DEFAULT_ARGUMENTS_METADATA = {
  [`${WsParamType.ACK}:2`]: { index: 2, data: undefined, pipes: [] },
  [`${WsParamType.PAYLOAD}:1`]: { index: 1, data: undefined, pipes: [] },
  [`${WsParamType.SOCKET}:0`]: { index: 0, data: undefined, pipes: [] },
};

function argumentsKeyOf(instance: object, methodName: string): string {
  if (Reflect.getMetadata(NestMetadata.routeArguments, instance.constructor, methodName))
    return NestMetadata.routeArguments;
  Reflect.defineMetadata(DEFAULT_ARGUMENTS, DEFAULT_ARGUMENTS_METADATA, instance.constructor, methodName);
  return DEFAULT_ARGUMENTS;
}

export interface HandlerSite {
  readonly instance: object;
  readonly methodName: string;
  readonly pattern: string;
  readonly host: HostModule | undefined;
}

/**
 * Builds each gateway handler once, through Nest's public `ExternalContextCreator` in the `ws` context: the
 * global, module, class and method guards, pipes and interceptors Nest itself would apply, resolved the way it
 * resolves them, with pipes told `'body'` for `@MessageBody()` and `'custom'` for the rest. Pulse adds what
 * Nest's WebSocket path does beyond that (the filters of the method and class, a guard's refusal as a
 * `WsException`), the synchronous interceptors it runs in place, and, for a handler no interceptor of Nest's
 * applies to, the synchronous path over the guards and pipes Nest resolved (see `compileHandler`).
 */
export class HandlerCompiler {
  constructor(
    private readonly contexts: ExternalContextCreator,
    private readonly beforeHandle: readonly BeforeHandleInterceptor[],
  ) {}

  compile({ instance, methodName, pattern, host }: HandlerSite): CompiledHandler {
    const method = (instance as Record<string, Method>)[methodName];
    const metadataKey = argumentsKeyOf(instance, methodName);
    const { viaNest, parts } = createRecording(
      this.contexts,
      instance as Record<string, unknown>,
      method,
      methodName,
      metadataKey,
      WS_PARAMS,
      undefined,
      undefined,
      { guards: true, interceptors: true, filters: false },
      'ws',
    );
    return compileHandler({
      instance,
      method,
      pattern,
      beforeHandle: this.beforeHandle,
      viaNest: viaNest as NestHandler,
      direct: hasInterceptors(this.contexts, instance, methodName, metadataKey, WS_PARAMS)
        ? undefined
        : parts,
      filters: ExceptionFilters.of(instance, method, host),
    });
  }
}
