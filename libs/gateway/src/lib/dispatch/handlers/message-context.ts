import type { ExecutionContext, Type } from '@nestjs/common';
import type { HttpArgumentsHost, RpcArgumentsHost, WsArgumentsHost } from '@nestjs/common/interfaces';

/**
 * The `ExecutionContext` guards, param decorators and exception filters see for one inbound message:
 * `[client, message, pattern]`, type `ws`. One per message, shared by every guard and decorator, and
 * `switchToWs()` is the context itself (Nest's own host allocates three closures on every switch).
 */
export class MessageContext implements ExecutionContext, WsArgumentsHost {
  constructor(
    private readonly args: unknown[],
    private readonly classRef: Type<unknown>,
    private readonly handler: (...args: unknown[]) => unknown,
  ) {}

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
