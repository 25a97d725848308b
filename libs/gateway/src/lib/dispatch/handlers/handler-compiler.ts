import type { PipeTransform } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { GuardsConsumer, GuardsContextCreator } from '@nestjs/core/guards';
import { ContextUtils } from '@nestjs/core/helpers/context-utils';
import type { NestContainer } from '@nestjs/core/injector/container';
import { InterceptorsConsumer, InterceptorsContextCreator } from '@nestjs/core/interceptors';
import { PipesConsumer, PipesContextCreator } from '@nestjs/core/pipes';
import { ExceptionFiltersContext } from '@nestjs/websockets/context/exception-filters-context';
import { WsContextCreator } from '@nestjs/websockets/context/ws-context-creator';
import { WsProxy } from '@nestjs/websockets/context/ws-proxy';
import { compileHandler, type CompiledHandler, type CompiledParam } from './compiled-handler';
import type { MessageContext } from './message-context';

type Method = (...args: unknown[]) => unknown;
type CustomParamFactory = (data: unknown, context: MessageContext) => unknown;
type RawParamMetadata = Record<string, { index: number; factory?: CustomParamFactory }>;

/**
 * Compiles gateway handlers with the enhancers Nest itself would apply (global, module-scoped, class and
 * method guards, interceptors, pipes and filters, resolved from the container the same way), once per method
 * instead of once per message.
 */
export class HandlerCompiler {
  private readonly guards: GuardsContextCreator;
  private readonly interceptors: InterceptorsContextCreator;
  private readonly interceptorsConsumer = new InterceptorsConsumer();
  private readonly pipes: PipesContextCreator;
  private readonly filters: ExceptionFiltersContext;
  private readonly metadata: WsContextCreator;
  private readonly contextUtils = new ContextUtils();

  constructor(container: NestContainer) {
    const config = container.applicationConfig;
    this.guards = new GuardsContextCreator(container, config);
    this.interceptors = new InterceptorsContextCreator(container, config);
    this.pipes = new PipesContextCreator(container, config);
    this.filters = new ExceptionFiltersContext(container);
    this.metadata = new WsContextCreator(
      new WsProxy(),
      this.filters,
      this.pipes,
      new PipesConsumer(),
      this.guards,
      new GuardsConsumer(),
      this.interceptors,
      this.interceptorsConsumer,
    );
  }

  compile(instance: object, methodName: string, pattern: string, moduleKey: string): CompiledHandler {
    const method = (instance as Record<string, Method>)[methodName];
    const { argsLength, paramtypes, getParamsMetadata } = this.metadata.getMetadata(instance, methodName, 'ws');
    const pipes = this.pipes.create(instance, method, moduleKey);
    const factories = this.customFactories(instance, methodName);
    const params: CompiledParam[] = (getParamsMetadata(moduleKey) ?? []).map((param) => {
      const factory = factories.get(param.index);
      const data: unknown = param.data;
      return {
        index: param.index,
        extract: factory ? (_args, context) => factory(data, context) : (args) => (param.extractValue as Method)(...args),
        metadata: { type: param.type as 'custom', data: param.data as string | undefined, metatype: paramtypes?.[param.index] },
        pipes: pipes.concat((param.pipes ?? []) as PipeTransform[]),
      };
    });
    return compileHandler({
      instance,
      method,
      pattern,
      guards: this.guards.create(instance, method, moduleKey),
      interceptors: this.interceptors.create(instance, method, moduleKey),
      interceptorsConsumer: this.interceptorsConsumer,
      params,
      argsLength,
      exceptions: this.filters.create(instance, method, moduleKey),
    });
  }

  /** Custom param decorators' factories by parameter index, so they get the message's shared context. */
  private customFactories(instance: object, methodName: string): Map<number, CustomParamFactory> {
    const raw = (this.contextUtils.reflectCallbackMetadata(instance, methodName, ROUTE_ARGS_METADATA) ?? {}) as RawParamMetadata;
    const factories = new Map<number, CustomParamFactory>();
    for (const entry of Object.values(raw)) {
      if (typeof entry.factory === 'function') factories.set(entry.index, entry.factory);
    }
    return factories;
  }
}
