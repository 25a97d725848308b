import type { CanActivate, PipeTransform } from '@nestjs/common';
import type { ExternalContextCreator } from '@nestjs/core';

/** One parameter as Nest resolves it for a handler: how to read it from the arguments, and its own pipes. */
export interface ResolvedParam {
  readonly index: number;
  readonly type: number | string;
  readonly data: unknown;
  readonly metatype?: unknown;
  readonly schema?: unknown;
  readonly pipes: readonly PipeTransform[];
  readonly extractValue: (...args: unknown[]) => unknown;
}

/** What `ExternalContextCreator` resolved for one handler, as it hands it to its own public factories. */
export interface ResolvedParts {
  guards: readonly CanActivate[];
  pipes: readonly PipeTransform[];
  params: readonly ResolvedParam[];
}

type Create = ExternalContextCreator['create'];

/**
 * `ExternalContextCreator.create`, through a view of the creator whose public `createGuardsFn` and `createPipesFn`
 * also record the guards, pipes and parameters Nest resolved (global, module, class, method) before building its
 * own path from them. Gives Nest's path for the handler and those parts.
 */
export function createRecording(
  contexts: ExternalContextCreator,
  ...args: Parameters<Create>
): { viaNest: ReturnType<Create>; parts: ResolvedParts } {
  const parts: ResolvedParts = { guards: [], pipes: [], params: [] };
  const recording = Object.create(contexts) as ExternalContextCreator;
  recording.createGuardsFn = (guards, ...rest) => {
    parts.guards = guards as CanActivate[];
    return contexts.createGuardsFn(guards, ...rest);
  };
  recording.createPipesFn = (pipes, paramsOptions) => {
    parts.pipes = pipes;
    parts.params = paramsOptions as unknown as ResolvedParam[];
    return contexts.createPipesFn(pipes, paramsOptions);
  };
  return { viaNest: recording.create(...args), parts };
}

const REACHED = Symbol('pulse.reached');

/**
 * Whether Nest would run any interceptor around this handler (global, `APP_INTERCEPTOR`, module, class, method),
 * asked without running one: Nest's path is built without guards or pipes around a callback that only says it was
 * reached. With no interceptor Nest calls it at once; with any, Nest hands back an Observable that is never
 * subscribed (`transformToResult` is the identity here), so no interceptor runs. Anything unexpected counts as
 * "has interceptors", which keeps the handler on Nest's path.
 */
export function hasInterceptors(
  contexts: ExternalContextCreator,
  instance: object,
  methodName: string,
  metadataKey: string,
  paramsFactory: Parameters<Create>[4],
): boolean {
  const probing = Object.create(contexts) as ExternalContextCreator;
  probing.createPipesFn = () => null;
  probing.transformToResult = async (result: unknown) => result;
  let reached = false;
  const standIn = (): symbol => {
    reached = true;
    return REACHED;
  };
  // Nest reads method-level enhancers from the callback it is given: the stand-in carries the method's metadata.
  const method = (instance as Record<string, object>)[methodName];
  for (const key of Reflect.getMetadataKeys(method))
    Reflect.defineMetadata(key, Reflect.getMetadata(key, method), standIn);
  const probe = probing.create(
    instance as Record<string, unknown>,
    standIn,
    methodName,
    metadataKey,
    paramsFactory,
    undefined,
    undefined,
    { guards: false, interceptors: true, filters: false },
    'ws',
  );
  try {
    probe().catch(() => undefined);
  } catch {
    return true;
  }
  return !reached;
}
