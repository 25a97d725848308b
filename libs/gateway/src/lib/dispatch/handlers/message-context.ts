import type { ExecutionContext, Type } from '@nestjs/common';
import type { ServerMessageOf } from '@pulse/protocol';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/**
 * The `ExecutionContext` guards, param decorators and exception filters see for one inbound message:
 * `[client, message, pattern]`, type `ws`. One per message, shared by every guard and decorator, and
 * `switchToWs()` is the context itself (Nest's own host allocates three closures on every switch).
 */
export class MessageContext implements ExecutionContext, WsArgumentsHost {
  /** The `error` an exception filter answered this message's failure with (`answerFailure`), if any. */
  failureAnswer: ServerMessageOf<'error'> | undefined = undefined;

  constructor(
    private readonly args: unknown[],
    private readonly classRef: Type<unknown>,
    private readonly handler: (...args: unknown[]) => unknown,
  ) {}

  /** Records a filter's answer to this message's failure; the dispatcher sends it (see `answerFailure`). */
  answerFailure(answer: ServerMessageOf<'error'>): void {
    this.failureAnswer = answer;
  }

  getType<TContext extends string = 'ws'>(): TContext {
    return 'ws' as TContext;
  }

  getClass<T = unknown>(): Type<T> {
    return this.classRef as Type<T>;
  }

  getHandler(): (...args: unknown[]) => unknown {
    return this.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    return this.args as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.args[index] as T;
  }

  switchToWs(): WsArgumentsHost {
    return this;
  }

  getClient<T = unknown>(): T {
    return this.args[0] as T;
  }

  getData<T = unknown>(): T {
    return this.args[1] as T;
  }

  getPattern(): string {
    return this.args[2] as string;
  }

  switchToHttp(): HttpArgumentsHost {
    return {
      getRequest: <T>() => this.args[0] as T,
      getResponse: <T>() => this.args[1] as T,
      getNext: <T>() => this.args[2] as T,
    };
  }

  switchToRpc(): RpcArgumentsHost {
    return {
      getData: <T>() => this.args[0] as T,
      getContext: <T>() => this.args[1] as T,
    };
  }
}
